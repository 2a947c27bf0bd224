import type { ServerFrame } from '../api/types';
import { reconnectDelay } from './backoff';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface SocketHandlers {
  /** A fresh access token for the next upgrade, or null when the session is gone. */
  token(): Promise<string | null>;
  onStatus(status: ConnectionStatus, retryInMs?: number): void;
  /** The socket is (again) open: resume from history, resend what is unacknowledged. */
  onOpen(reconnected: boolean): void;
  onFrame(frame: ServerFrame): void;
  /** The server revoked the session (close 4001): sign out. */
  onRevoked(): void;
}

/**
 * One WebSocket to the gateway that comes back by itself: exponential backoff with jitter after a drop, a fresh
 * token before each upgrade (carried in the subprotocol list, never in the URL), and a ping to notice dead links.
 */
export class ChatSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private opened = false;
  private stopped = false;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private lastFrameAt = 0;

  constructor(private readonly url: string, private readonly handlers: SocketHandlers) {}

  start() {
    this.stopped = false;
    window.addEventListener('online', this.retryNow);
    void this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.retryNow);
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

  private retryNow = () => {
    if (this.stopped || this.socket) return;
    window.clearTimeout(this.retryTimer);
    void this.connect();
  };

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
      this.handlers.onOpen(reconnected);
    };
    socket.onmessage = message => {
      this.lastFrameAt = Date.now();
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
    const delay = reconnectDelay(this.attempt++);
    this.handlers.onStatus('reconnecting', delay);
    this.retryTimer = window.setTimeout(() => void this.connect(), delay);
  }

  /** A half-open link shows nothing: ping every 15 s and give up on a socket silent for 45 s. */
  private startPinging() {
    window.clearInterval(this.pingTimer);
    let counter = 0;
    this.pingTimer = window.setInterval(() => {
      if (Date.now() - this.lastFrameAt > 45_000) {
        const stale = this.socket;
        this.socket = null;
        stale?.close();
        this.scheduleRetry();
        return;
      }
      this.send({ type: 'ping', id: `ping-${++counter}` });
    }, 15_000);
  }
}
