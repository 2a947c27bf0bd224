import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatSocket, type ConnectionStatus } from './socket';

// The socket's timing logic with a fake WebSocket, fake timers and a browser whose online state the test sets.
class FakeWebSocket {
  static readonly OPEN = 1;
  static made: FakeWebSocket[] = [];
  readyState = 0;
  sent: { type: string }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: ((c: { code: number }) => void) | null = null;
  constructor() { FakeWebSocket.made.push(this); }
  send(data: string) { this.sent.push(JSON.parse(data)); }
  close() { this.readyState = 3; }
  open() { this.readyState = FakeWebSocket.OPEN; this.onopen?.(); }
  receive(frame: object) { this.onmessage?.({ data: JSON.stringify(frame) }); }
}

describe('ChatSocket', () => {
  const listeners = new Map<string, () => void>();
  const browser = { onLine: true };
  let statuses: ConnectionStatus[];
  let opened: boolean[];

  beforeEach(() => {
    vi.useFakeTimers();
    FakeWebSocket.made = [];
    listeners.clear();
    browser.onLine = true;
    vi.stubGlobal('WebSocket', FakeWebSocket);
    vi.stubGlobal('navigator', browser);
    vi.stubGlobal('window', {
      setTimeout, clearTimeout, setInterval, clearInterval,
      addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
      removeEventListener: (type: string) => listeners.delete(type),
    });
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** A socket opened (and, unless told otherwise, answering its first frame, so that it counts as open). */
  async function openSocket(answered = true) {
    statuses = [];
    opened = [];
    const socket = new ChatSocket('ws://localhost/ws', {
      token: async () => 'token',
      onStatus: status => statuses.push(status),
      onOpen: reconnected => opened.push(reconnected),
      onFrame: () => undefined,
      onRevoked: () => undefined,
    });
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    const made = FakeWebSocket.made.at(-1)!;
    made.open();
    if (answered) made.receive({ type: 'pong', id: 'ready' });
    return socket;
  }

  it('says offline at once when the browser goes offline, and reconnects when it is back', async () => {
    const socket = await openSocket();
    expect(statuses.at(-1)).toBe('online');

    browser.onLine = false;
    listeners.get('offline')!();
    expect(statuses.at(-1)).toBe('offline');
    expect(socket.isOpen).toBe(false);

    browser.onLine = true;
    listeners.get('online')!();
    await vi.advanceTimersByTimeAsync(0);
    FakeWebSocket.made.at(-1)!.open();
    FakeWebSocket.made.at(-1)!.receive({ type: 'pong', id: 'ready' });
    expect(statuses.at(-1)).toBe('online');
    expect(opened).toEqual([false, true]);
    socket.stop();
  });

  it('notices a link gone silent within 4 s by a short ping, a second before the 5 s promised', async () => {
    const socket = await openSocket();
    const first = FakeWebSocket.made[0];

    await vi.advanceTimersByTimeAsync(4_000);

    expect(first.sent.some(frame => frame.type === 'ping' && (frame as { id?: string }).id !== 'ready')).toBe(true);
    expect(statuses.at(-1)).toBe('reconnecting');
    socket.stop();
  });

  it('never pings a link that answers', async () => {
    const socket = await openSocket();
    const first = FakeWebSocket.made[0];
    for (let i = 0; i < 40; i++) {
      await vi.advanceTimersByTimeAsync(250);
      first.onmessage!({ data: '{"type":"presence"}' });
    }
    expect(first.sent).toEqual([{ type: 'ping', id: 'ready' }]);
    expect(statuses.at(-1)).toBe('online');
    socket.stop();
  });

  it('resumes only once the socket has answered its first frame, so nothing published meanwhile is missed', async () => {
    const socket = await openSocket(false);
    const first = FakeWebSocket.made[0];
    expect(first.sent[0]).toEqual({ type: 'ping', id: 'ready' });
    expect(opened).toEqual([]);
    expect(socket.isOpen && !socket.isAnswering).toBe(true);

    first.receive({ type: 'pong', id: 'ready' });
    expect(opened).toEqual([false]);
    expect(socket.isAnswering).toBe(true);
    first.receive({ type: 'pong', id: 'ping-1' });
    expect(opened).toEqual([false]);
    socket.stop();
  });
});
