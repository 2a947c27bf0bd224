import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationDetails, ConversationView, UserView } from '../api/types';
import type { SocketHandlers } from '../live/socket';

// The store's one class of logic, with its network edges (REST calls and the socket) replaced in memory.
const api = vi.hoisted(() => ({
  summaries: vi.fn(),
  conversations: vi.fn(),
  conversation: vi.fn(),
  presence: vi.fn(),
}));
const socket = vi.hoisted(() => ({ handlers: null as SocketHandlers | null }));
const alerts = vi.hoisted(() => ({ playMessageSound: vi.fn(), showDesktopNotification: vi.fn() }));
/** The animation frames asked for and not yet run. */
const frames: (() => void)[] = [];

vi.mock('../api/http', () => ({ api }));
vi.mock('../api/session', () => ({ freshToken: vi.fn(), signedOut: vi.fn() }));
vi.mock('./alerts', () => alerts);
vi.mock('../live/socket', () => ({
  ChatSocket: class {
    isOpen = true;
    constructor(_url: string, handlers: SocketHandlers) { socket.handlers = handlers; }
    start() {}
    stop() {}
    send() {}
  },
}));

const me: UserView = { id: 'me', username: 'heidi', displayName: 'Heidi' };
const direct: ConversationView = {
  id: 'c1', kind: 'DIRECT', name: null, topic: null, isPublic: false, createdAt: '2026-11-27T10:00:00Z', lastSeq: 1, archived: false,
};
const details: ConversationDetails = {
  conversation: direct,
  members: [
    { userId: 'me', displayName: 'Heidi', role: 'member', joinedAt: direct.createdAt, readSeq: 1 },
    { userId: 'grace', displayName: 'Grace', role: 'member', joinedAt: direct.createdAt, readSeq: 1 },
  ],
};

/** The browser globals the store touches; animation frames are collected in `frames` to be run by the test. */
function stubBrowser() {
  vi.stubGlobal('window', {
    location: { protocol: 'http:', host: 'localhost' },
    setTimeout: () => 0, clearTimeout: () => undefined,
    requestAnimationFrame: (run: () => void) => frames.push(run), cancelAnimationFrame: () => undefined,
    addEventListener: () => undefined, removeEventListener: () => undefined,
  });
  vi.stubGlobal('location', { protocol: 'http:', host: 'localhost' });
  vi.stubGlobal('document', { title: '', hidden: false, addEventListener: () => undefined, removeEventListener: () => undefined });
}

function unstubBrowser() {
  frames.length = 0;
  vi.unstubAllGlobals();
  vi.clearAllMocks();
}

describe('ChatStore', () => {
  beforeEach(stubBrowser);
  afterEach(unstubBrowser);

  it('lists a conversation that history-service has not projected yet once the socket opens', async () => {
    api.summaries.mockResolvedValue([]);
    api.conversations.mockResolvedValue([direct]);
    api.conversation.mockResolvedValue(details);
    api.presence.mockResolvedValue([{ userId: 'grace', status: 'online', lastSeenAt: null }]);
    const { ChatStore } = await import('./store');
    const store = new ChatStore(me);

    store.start();
    socket.handlers!.onOpen(false);

    await vi.waitFor(() => expect(store.summaries.get('c1')?.peerId).toBe('grace'));
    await vi.waitFor(() => expect(store.presence.get('grace')?.status).toBe('online'));
    store.stop();
  });

  it('shows your own presence from this client, since presence frames about you never reach you', async () => {
    const { ChatStore } = await import('./store');
    const store = new ChatStore(me);

    expect(store.presenceOf('me')?.status).toBe('offline');
    socket.handlers!.onStatus('online');
    expect(store.presenceOf('me')?.status).toBe('online');
    socket.handlers!.onFrame({ type: 'presence', userId: 'grace', status: 'away', lastSeenAt: null });
    expect(store.presenceOf('grace')?.status).toBe('away');
    socket.handlers!.onStatus('reconnecting', 1000);
    expect(store.presenceOf('me')?.status).toBe('offline');
  });

  it('delivers a burst of changes once, and only to the watchers whose slice changed', async () => {
    const store = await storeWithTwoConversations();
    const busy = vi.fn();
    const quiet = vi.fn();
    store.watch(s => s.summaries.get('c1'), busy);
    store.watch(s => s.summaries.get('c2'), quiet);

    for (let seq = 2; seq <= 11; seq++) socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', seq) });
    runFrames();

    expect(busy).toHaveBeenCalledTimes(1);
    expect(quiet).not.toHaveBeenCalled();
    expect(store.summaries.get('c1')?.unreadCount).toBe(10);
    expect(document.title).toBe('(10) Chat');
    store.stop();
  });

  it('plays one sound for a burst of messages, not one per message', async () => {
    const store = await storeWithTwoConversations();

    for (let seq = 2; seq <= 21; seq++) socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', seq) });

    expect(alerts.playMessageSound).toHaveBeenCalledTimes(1);
    store.stop();
  });
});

describe('ChatStore previews', () => {
  beforeEach(stubBrowser);
  afterEach(unstubBrowser);

  it('follow an edit and a delete of the last message at once, as plain text', async () => {
    const store = await storeWithTwoConversations();
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', 2) });
    expect(store.summaries.get('c1')?.lastMessage?.preview).toBe('message 2');

    socket.handlers!.onFrame({ type: 'event', event: {
      type: 'message.edited', v: 1, conversationId: 'c1', seq: 3, occurredAt: '2026-11-27T10:02:00Z', actorId: 'grace',
      messageId: 'm2', body: 'now *with* [a link](https://example.org)\nand a second line',
    } });
    expect(store.summaries.get('c1')?.lastMessage?.preview).toBe('now with a link and a second line');

    socket.handlers!.onFrame({ type: 'event', event: {
      type: 'message.deleted', v: 1, conversationId: 'c1', seq: 4, occurredAt: '2026-11-27T10:03:00Z', actorId: 'grace',
      messageId: 'm2',
    } });
    expect(store.summaries.get('c1')?.lastMessage).toMatchObject({ deleted: true, preview: null });
    store.stop();
  });
});

async function storeWithTwoConversations() {
  const summary = (id: string) => ({
    conversationId: id, kind: 'GROUP' as const, name: id, peerId: null, lastMessage: null,
    lastActivityAt: '2026-11-27T10:00:00Z', latestSeq: 1, readSeq: 1, unreadCount: 0, archived: false,
  });
  api.summaries.mockResolvedValue([summary('c1'), summary('c2')]);
  api.presence.mockResolvedValue([]);
  const { ChatStore } = await import('./store');
  const store = new ChatStore(me);
  store.start();
  await vi.waitFor(() => expect(store.summariesLoaded).toBe(true));
  runFrames();
  return store;
}

function messageIn(conversationId: string, seq: number) {
  return {
    type: 'message.created', v: 1, conversationId, seq, occurredAt: '2026-11-27T10:01:00Z', actorId: 'grace',
    messageId: `m${seq}`, body: `message **${seq}**`, format: 'markdown' as const,
  };
}

function runFrames() {
  frames.splice(0).forEach(run => run());
}
