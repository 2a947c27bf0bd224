import type { ServerFrame } from '../api/types';
import { reconnectDelay } from './backoff';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface SocketHandlers {
  /** A fresh access token for the next upgrade, or null when the session is gone. */
  token(): Promise<string | null>;
  onStatus(status: ConnectionStatus, retryInMs?: number): void;
  /**
   * The socket is (again) open and answering, so every frame for this user from now on reaches it: resume from
   * history, resend what is unacknowledged.
   */
  onOpen(reconnected: boolean): void;
  onFrame(frame: ServerFrame): void;
  /** The server revoked the session (close 4001): sign out. */
  onRevoked(): void;
}

/**
 * Silence after which a ping asks whether the link still lives (a hidden tab asks less often). Every idle visible
 * tab pings about every 2 s: small frames, but a cost per socket on the gateway, paid for noticing a drop within 5 s.
 */
const PING_WHEN_SILENT_MS = 2_000;
const PING_WHEN_SILENT_HIDDEN_MS = 15_000;
/**
 * A ping unanswered this long (no frame at all) means the link is dead: with the checks, noticed within 4 s, which
 * leaves a second for a busy page to show it within the 5 s promised. A link this slow to answer is not worth keeping.
 */
const PING_ANSWER_MS = 1_500;
const CHECK_EVERY_MS = 250;
/** The browser may say "offline" wrongly: try again this often anyway. */
const OFFLINE_RETRY_MS = 10_000;

/**
 * One WebSocket to the gateway that comes back by itself: exponential backoff with jitter after a drop, a fresh
 * token before each upgrade (carried in the subprotocol list, never in the URL). A drop is noticed within seconds:
 * at once from the browser's offline event, and otherwise by a short ping whenever the link has been silent.
 */
export class ChatSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private opened = false;
  private stopped = false;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private lastFrameAt = 0;
  private pingSentAt: number | null = null;
  /** Set from the upgrade until the socket's first frame: whether that open is a reconnect. */
  private awaitingFirstFrame: boolean | null = null;

  constructor(private readonly url: string, private readonly handlers: SocketHandlers) {}

  start() {
    this.stopped = false;
    window.addEventListener('online', this.retryNow);
    window.addEventListener('offline', this.wentOffline);
    void this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.retryNow);
    window.removeEventListener('offline', this.wentOffline);
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.pingTimer);
    this.socket?.close(1000, 'bye');
    this.socket = null;
  }

  /** Sends a frame if the socket is open; false otherwise (the caller keeps it for after the reconnect). */
  send(frame: object): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /**
   * Open and answering: its first frame has come, so onOpen has run and resent what waited. A message sent on an open
   * socket before that would overtake the ones written earlier that are still waiting to be resent.
   */
  get isAnswering(): boolean {
    return this.isOpen && this.awaitingFirstFrame === null;
  }

  private retryNow = () => {
    if (this.stopped || this.socket) return;
    window.clearTimeout(this.retryTimer);
    this.attempt = 0;
    void this.connect();
  };

  /** The browser lost its network: say so at once rather than wait for the socket to notice. */
  private wentOffline = () => {
    if (this.stopped) return;
    this.abandon();
  };

  /** Gives up on the current socket (dead or about to be) and waits to try again. */
  private abandon() {
    const dead = this.socket;
    this.socket = null;
    window.clearInterval(this.pingTimer);
    try {
      dead?.close();
    } catch {
      // Closing a socket that never opened may throw; it is gone either way.
    }
    this.scheduleRetry();
  }

  private async connect() {
    if (this.stopped) return;
    this.handlers.onStatus(this.opened ? 'reconnecting' : 'connecting');
    let bearer: string | null;
    try {
      bearer = await this.handlers.token();
    } catch {
      this.scheduleRetry();
      return;
    }
    if (this.stopped) return;
    if (!bearer) {
      this.handlers.onRevoked();
      return;
    }
    let socket: WebSocket;
    try {
      // A subprotocol is an HTTP token (no spaces): the header value is URI-encoded, and the server decodes it.
      socket = new WebSocket(this.url,
        ['bearer-token-carrier', `quarkus-http-upgrade#Authorization#${encodeURIComponent(`Bearer ${bearer}`)}`]);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const reconnected = this.opened;
      this.opened = true;
      this.attempt = 0;
      this.lastFrameAt = Date.now();
      this.handlers.onStatus('online');
      this.startPinging();
      // The gateway reads frames only once Redis has this user's channel: the first answer means nothing published
      // from then on can miss this socket, so the resume waits for it (docs/protocol.md, "Ready").
      this.awaitingFirstFrame = reconnected;
      if (this.send({ type: 'ping', id: 'ready' })) this.pingSentAt = Date.now();
    };
    socket.onmessage = message => {
      this.lastFrameAt = Date.now();
      if (this.awaitingFirstFrame !== null) {
        const reconnected = this.awaitingFirstFrame;
        this.awaitingFirstFrame = null;
        this.handlers.onOpen(reconnected);
      }
      let frame: ServerFrame;
      try {
        frame = JSON.parse(message.data as string);
      } catch {
        return;
      }
      this.handlers.onFrame(frame);
    };
    socket.onclose = close => {
      if (this.socket !== socket) return;
      this.socket = null;
      window.clearInterval(this.pingTimer);
      if (this.stopped) return;
      if (close.code === 4001) {
        this.handlers.onRevoked();
        return;
      }
      this.scheduleRetry();
    };
  }

  private scheduleRetry() {
    if (this.stopped) return;
    window.clearTimeout(this.retryTimer);
    if (!navigator.onLine) {
      // The online event brings it back at once; the timer is for a browser that is wrong about being offline.
      this.handlers.onStatus('offline');
      this.retryTimer = window.setTimeout(() => void this.connect(), OFFLINE_RETRY_MS);
      return;
    }
    const delay = reconnectDelay(this.attempt++);
    this.handlers.onStatus('reconnecting', delay);
    this.retryTimer = window.setTimeout(() => void this.connect(), delay);
  }

  /**
   * A half-open link shows nothing: after PING_WHEN_SILENT_MS without a frame, ping; a ping that nothing answers
   * within PING_ANSWER_MS ends the socket. A busy link is never pinged, its frames say it lives.
   */
  private startPinging() {
    window.clearInterval(this.pingTimer);
    this.pingSentAt = null;
    let counter = 0;
    this.pingTimer = window.setInterval(() => {
      const now = Date.now();
      if (this.pingSentAt !== null && this.lastFrameAt < this.pingSentAt) {
        if (now - this.pingSentAt > PING_ANSWER_MS) this.abandon();
        return;
      }
      this.pingSentAt = null;
      const hidden = typeof document !== 'undefined' && document.hidden;
      const silentFor = hidden ? PING_WHEN_SILENT_HIDDEN_MS : PING_WHEN_SILENT_MS;
      if (now - this.lastFrameAt > silentFor && this.send({ type: 'ping', id: `ping-${++counter}` })) {
        this.pingSentAt = now;
      }
    }, CHECK_EVERY_MS);
  }
}
