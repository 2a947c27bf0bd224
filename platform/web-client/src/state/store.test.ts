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

vi.mock('../api/http', () => ({ api }));
vi.mock('../api/session', () => ({ freshToken: vi.fn(), signedOut: vi.fn() }));
vi.mock('./alerts', () => ({ playMessageSound: vi.fn(), showDesktopNotification: vi.fn() }));
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

describe('ChatStore', () => {
  beforeEach(() => {
    vi.stubGlobal('window', {
      location: { protocol: 'http:', host: 'localhost' },
      setTimeout: () => 0, clearTimeout: () => undefined,
      addEventListener: () => undefined, removeEventListener: () => undefined,
    });
    vi.stubGlobal('location', { protocol: 'http:', host: 'localhost' });
    vi.stubGlobal('document', { title: '', hidden: false, addEventListener: () => undefined, removeEventListener: () => undefined });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.clearAllMocks();
  });

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
});
