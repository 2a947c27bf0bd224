import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationDetails, ConversationView, UserView } from '../api/types';
import type { SocketHandlers } from '../live/socket';

// The store's one class of logic, with its network edges (REST calls and the socket) replaced in memory.
const api = vi.hoisted(() => ({
  summaries: vi.fn(),
  conversations: vi.fn(),
  conversation: vi.fn(),
  presence: vi.fn(),
  messages: vi.fn(),
  events: vi.fn(),
  doNotDisturb: vi.fn(async () => ({ on: false, until: null })),
  user: vi.fn(),
}));
const socket = vi.hoisted(() => ({
  handlers: null as SocketHandlers | null, sent: [] as Record<string, unknown>[], open: true, answering: true,
}));
const alerts = vi.hoisted(() => ({
  playMessageSound: vi.fn(), showDesktopNotification: vi.fn(), prepareSoundAfterGesture: vi.fn(() => () => undefined),
}));
/** The animation frames asked for and not yet run. */
const frames: (() => void)[] = [];

vi.mock('../api/http', () => ({ api }));
vi.mock('../api/session', () => ({ freshToken: vi.fn(), signedOut: vi.fn() }));
vi.mock('./alerts', () => alerts);
vi.mock('../live/socket', () => ({
  ChatSocket: class {
    constructor(_url: string, handlers: SocketHandlers) { socket.handlers = handlers; }
    get isOpen() { return socket.open; }
    get isAnswering() { return socket.open && socket.answering; }
    start() {}
    stop() {}
    send(frame: Record<string, unknown>) {
      if (!socket.open) return false;
      socket.sent.push(frame);
      return true;
    }
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
  socket.sent.length = 0;
  socket.open = true;
  socket.answering = true;
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

  it('names a group direct message by its other members, without a peer, and loads their presence', async () => {
    const group: ConversationView = { ...direct, id: 'g1', kind: 'GROUP_DIRECT' };
    api.summaries.mockResolvedValue([]);
    api.conversations.mockResolvedValue([group]);
    api.conversation.mockResolvedValue({
      conversation: group,
      members: [...details.members,
        { userId: 'ada', displayName: 'ada', role: 'member', joinedAt: group.createdAt, readSeq: 1 }],
    });
    api.presence.mockResolvedValue([{ userId: 'grace', status: 'online', lastSeenAt: null }]);
    const { ChatStore } = await import('./store');
    const store = new ChatStore(me);

    store.start();
    socket.handlers!.onOpen(false);

    await vi.waitFor(() => expect(store.summaries.get('g1')?.kind).toBe('GROUP_DIRECT'));
    expect(store.conversationName('g1')).toBe('ada, Grace');
    expect(store.peerOf('g1')).toBeNull();
    await vi.waitFor(() => expect(api.presence).toHaveBeenCalledWith(expect.arrayContaining(['grace', 'ada'])));
    store.stop();
  });

  it('knows pictures from member lists and profiles, asks once for anyone else, and null means initials', async () => {
    api.conversation.mockResolvedValue({
      ...details, members: details.members.map(m => (m.userId === 'grace' ? { ...m, avatarId: 'pic-1' } : m)),
    });
    api.user.mockResolvedValue({ id: 'ivan', username: 'ivan', displayName: 'Ivan', avatarId: 'pic-2' });
    const { ChatStore } = await import('./store');
    const store = new ChatStore({ ...me, avatarId: 'mine' });

    expect(store.avatarOf('me')).toBe('mine');
    await store.loadDetails('c1');
    expect(store.avatarOf('grace')).toBe('pic-1');
    expect(store.avatarOf('ivan')).toBeNull();
    await vi.waitFor(() => expect(store.avatarOf('ivan')).toBe('pic-2'));
    store.avatarOf('ivan');
    expect(api.user).toHaveBeenCalledTimes(1);
    store.renamed({ ...me, avatarId: null });
    expect(store.avatarOf('me')).toBeNull();
  });

  it('asks again for a conversation\'s members after a failure of the moment, not only after a reconnect', async () => {
    const timers: (() => void)[] = [];
    vi.stubGlobal('window', { ...window, setTimeout: (run: () => void) => timers.push(run) });
    api.conversation.mockRejectedValueOnce({ status: 503 }).mockResolvedValueOnce(details);
    api.presence.mockResolvedValue([]);
    const { ChatStore } = await import('./store');
    const store = new ChatStore(me);
    store.activeConversation = 'c1';

    await store.loadDetails('c1');
    expect(store.details.has('c1')).toBe(false);
    expect(timers).toHaveLength(1);
    timers[0]();
    await vi.waitFor(() => expect(store.details.get('c1')?.members).toHaveLength(2));
    expect(api.conversation).toHaveBeenCalledTimes(2);
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

  it('counts friendship frames, so an open friends list reads itself again on a request or an answer', async () => {
    const { ChatStore } = await import('./store');
    const store = new ChatStore(me);

    expect(store.friendsVersion).toBe(0);
    socket.handlers!.onFrame({ type: 'friendship', userId: 'grace', otherUserId: 'me', state: 'REQUESTED' });
    socket.handlers!.onFrame({ type: 'friendship', userId: 'me', otherUserId: 'grace', state: 'FRIENDS' });
    expect(store.friendsVersion).toBe(2);
  });

  it('shows a new name and picture at once when a profile frame comes', async () => {
    const { ChatStore } = await import('./store');
    const store = new ChatStore(me);
    store.renamed({ id: 'grace', username: 'grace', displayName: 'Grace', avatarId: null });
    const seen = vi.fn();
    store.watch(s => `${s.nameOf('grace')} ${s.avatarOf('grace')}`, seen);

    socket.handlers!.onFrame({ type: 'profile', userId: 'grace', username: 'grace', displayName: 'Grace Hopper',
      avatarId: 'picture-1' });

    runFrames();

    expect(seen).toHaveBeenCalledTimes(1);
    expect(store.nameOf('grace')).toBe('Grace Hopper');
    expect(store.avatarOf('grace')).toBe('picture-1');
    store.stop();
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

  it('counts mentions of me beside the unread count, and a mention sounds even in a muted conversation', async () => {
    const store = await storeWithTwoConversations();
    // Muted on another device: the server's frame says so.
    socket.handlers!.onFrame({ type: 'notifications', conversationId: 'c1',
      notifications: { mode: 'all', muted: true, mutedUntil: null } });
    expect(store.isMuted('c1')).toBe(true);

    socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', 2) });
    socket.handlers!.onFrame({ type: 'event', event: { ...messageIn('c1', 3), mentionedUserIds: ['someone-else'] } });
    expect(alerts.playMessageSound).not.toHaveBeenCalled();
    socket.handlers!.onFrame({ type: 'event', event: { ...messageIn('c1', 4), mentionedUserIds: ['me'] } });
    socket.handlers!.onFrame({ type: 'event', event: { ...messageIn('c1', 5), roomMentioned: true } });
    runFrames();

    expect(alerts.playMessageSound).toHaveBeenCalledTimes(1);
    expect(store.summaries.get('c1')?.unreadCount).toBe(4);
    expect(store.summaries.get('c1')?.mentionCount).toBe(2);
    // My own @room mentions nobody I need to hear about.
    socket.handlers!.onFrame({ type: 'event', event: { ...messageIn('c2', 2), actorId: 'me', roomMentioned: true } });
    expect(store.summaries.get('c2')?.mentionCount ?? 0).toBe(0);
    store.stop();
  });

  it('follows the settings my other devices change: mentions only, then do-not-disturb silences even a mention', async () => {
    const store = await storeWithTwoConversations();
    socket.handlers!.onFrame({ type: 'notifications', conversationId: 'c1',
      notifications: { mode: 'mentions', muted: false, mutedUntil: null } });
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', 2) });
    expect(alerts.playMessageSound).not.toHaveBeenCalled();
    expect(store.isMuted('c1')).toBe(false);

    // The sidebar's indicator watches the setting: a frame from another device redraws it.
    const indicator = vi.fn();
    store.watch(s => s.doNotDisturbOn, indicator);
    runFrames();
    socket.handlers!.onFrame({ type: 'do-not-disturb', doNotDisturb: { on: true, until: null } });
    runFrames();
    expect(indicator).toHaveBeenCalledTimes(1);
    socket.handlers!.onFrame({ type: 'event', event: { ...messageIn('c1', 3), mentionedUserIds: ['me'] } });
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c2', 2) });
    expect(alerts.playMessageSound).not.toHaveBeenCalled();
    expect(store.doNotDisturbOn).toBe(true);

    socket.handlers!.onFrame({ type: 'do-not-disturb', doNotDisturb: { on: false, until: null } });
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c2', 3) });
    expect(alerts.playMessageSound).toHaveBeenCalledTimes(1);
    store.stop();
  });

  it('a muted conversation counts in the tab title by its mentions only', async () => {
    const store = await storeWithTwoConversations();
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', 2) });
    socket.handlers!.onFrame({ type: 'event', event: { ...messageIn('c1', 3), mentionedUserIds: ['me'] } });
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c2', 2) });
    expect(store.totalUnread).toBe(3);
    socket.handlers!.onFrame({ type: 'notifications', conversationId: 'c1',
      notifications: { mode: 'all', muted: true, mutedUntil: '2999-01-01T00:00:00Z' } });
    expect(store.totalUnread).toBe(2);
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

describe('ChatStore read position', () => {
  beforeEach(stubBrowser);
  afterEach(unstubBrowser);

  it('notes where I had read before opening marks it read, so the "New messages" line stays there', async () => {
    const store = await storeWithTwoConversations({ latestSeq: 5, readSeq: 2, unreadCount: 3 });
    pageOf('c1', 5);

    await store.open('c1');

    expect(store.readMarks.get('c1')).toBe(2);
    expect(store.summaries.get('c1')).toMatchObject({ readSeq: 5, unreadCount: 0 });
    expect(socket.sent).toContainEqual(expect.objectContaining({ type: 'read', conversationId: 'c1', seq: 5 }));
    store.close('c1');
    expect(store.readMarks.has('c1')).toBe(false);
    store.stop();
  });

  it('remembers why a first page failed, so the pane says so instead of loading for ever, until opened again', async () => {
    const store = await storeWithTwoConversations();
    api.messages.mockRejectedValueOnce(Object.assign(new Error('Internal Server Error'), { status: 500 }));

    await store.open('c1');
    expect(store.timelines.has('c1')).toBe(false);
    expect(store.openFailures.get('c1')).toContain('Internal Server Error');

    pageOf('c1', 1);
    await store.open('c1');
    expect(store.openFailures.has('c1')).toBe(false);
    expect(store.timelines.get('c1')?.loaded).toBe(true);
    store.stop();
  });

  it('opens a conversation whose first page met no network as soon as the socket is back, with what was written meanwhile', async () => {
    const store = await storeWithTwoConversations();
    api.conversations.mockResolvedValue([]);
    api.messages.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await store.open('c1');
    expect(store.openFailures.has('c1')).toBe(true);
    store.send('c1', 'written while the network was down', null);
    const sent = socket.sent.find(frame => frame.type === 'send')!;
    socket.handlers!.onFrame({
      type: 'ack', id: sent.id as string, conversationId: 'c1', messageId: 'm2', seq: 2, at: '2026-11-27T10:02:00Z',
    });

    pageOf('c1', 2);
    socket.handlers!.onOpen(true);

    await vi.waitFor(() => expect(store.timelines.get('c1')?.loaded).toBe(true));
    expect(store.openFailures.has('c1')).toBe(false);
    expect(store.pendingOf('c1')).toEqual([]);
    store.stop();
  });

  it('sends messages written before the socket answered in the order written, none overtaking another', async () => {
    const store = await storeWithTwoConversations();
    socket.open = false;
    socket.answering = false;
    store.send('c1', 'unread one', null);
    // Open, but its first frame (and so the resend of what waited) has not come yet.
    socket.open = true;
    store.send('c1', 'unread two', null);

    socket.answering = true;
    socket.handlers!.onOpen(false);
    store.send('c1', 'unread three', null);

    const bodies = socket.sent.filter(frame => frame.type === 'send').map(frame => frame.body);
    expect([...new Set(bodies)]).toEqual(['unread one', 'unread two', 'unread three']);
    store.stop();
  });

  it('asks again by itself only after a failure of the moment, not after a refusal', async () => {
    const timers: (() => void)[] = [];
    const store = await storeWithTwoConversations();
    vi.stubGlobal('window', { ...window, setTimeout: (run: () => void) => timers.push(run) });
    api.messages.mockRejectedValueOnce(Object.assign(new Error('Forbidden'), { status: 403 }));
    await store.open('c1');
    timers.splice(0).forEach(run => run());
    expect(api.messages).toHaveBeenCalledTimes(1);

    api.messages.mockRejectedValueOnce(Object.assign(new Error('Service Unavailable'), { status: 503 }));
    await store.open('c1');
    pageOf('c1', 1);
    timers.splice(0).forEach(run => run());
    await vi.waitFor(() => expect(store.timelines.get('c1')?.loaded).toBe(true));
    expect(api.messages).toHaveBeenCalledTimes(3);
    store.stop();
  });

  it('notes no read position when nothing is unread, so the conversation opens at its end', async () => {
    const store = await storeWithTwoConversations({ latestSeq: 5, readSeq: 5, unreadCount: 0 });
    pageOf('c1', 5);

    await store.open('c1');

    expect(store.readMarks.has('c1')).toBe(false);
    expect(store.readMarkOf('c1')).toBeUndefined();
    store.stop();
  });

  it('marks a message unread: the cursor goes back before it, counts again and stays while the conversation is open', async () => {
    const store = await storeWithTwoConversations({ latestSeq: 5, readSeq: 5, unreadCount: 0 });
    pageOf('c1', 5);
    await store.open('c1');
    socket.sent.length = 0;

    store.markUnread('c1', store.timelines.get('c1')!.message(3)!);

    expect(socket.sent).toEqual([expect.objectContaining({ type: 'unread', conversationId: 'c1', messageId: 'm3' })]);
    expect(store.summaries.get('c1')).toMatchObject({ readSeq: 2, unreadCount: 3 });
    expect(store.readMarks.get('c1')).toBe(2);

    // A new message while it is still open: counted, and nothing marks the conversation read behind my back.
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', 6) });
    expect(store.summaries.get('c1')?.unreadCount).toBe(4);
    expect(socket.sent.filter(frame => frame.type === 'read')).toEqual([]);

    // Once I leave and come back, reading marks it read again.
    store.close('c1');
    await store.open('c1');
    expect(socket.sent).toContainEqual(expect.objectContaining({ type: 'read', conversationId: 'c1', seq: 6 }));
    store.stop();
  });

  it('takes a cursor moved back on another device of mine from the unread frame', async () => {
    const store = await storeWithTwoConversations({ latestSeq: 9, readSeq: 9, unreadCount: 0 });

    socket.handlers!.onFrame({ type: 'unread', conversationId: 'c2', seq: 4, unreadCount: 5, at: '2026-11-27T10:05:00Z' });

    expect(store.summaries.get('c2')).toMatchObject({ readSeq: 4, unreadCount: 5 });
    expect(store.totalUnread).toBe(5);
    store.stop();
  });

  it('loads older pages back to a message asked for, and no further', async () => {
    const store = await storeWithTwoConversations({ latestSeq: 300, readSeq: 300, unreadCount: 0 });
    api.messages.mockImplementation(async (_id: string, before: number | null, limit = 50) => {
      const end = (before ?? 301) - 1;
      const start = Math.max(1, end - limit + 1);
      return {
        conversationId: 'c1', nextBefore: start > 1 ? start : null, lastSeq: 300,
        messages: Array.from({ length: end - start + 1 }, (_, i) => view(start + i)),
      };
    });
    api.events.mockResolvedValue({ conversationId: 'c1', events: [], hasMore: false, nextAfter: 300, latestSeq: 300 });
    await store.open('c1');
    expect(store.timelines.get('c1')!.messages[0].seq).toBe(251);

    expect(await store.loadBackTo('c1', 120)).toBe(true);
    const oldest = store.timelines.get('c1')!.messages[0].seq;
    expect(oldest).toBeLessThanOrEqual(120);
    expect(oldest).toBeGreaterThan(20);
    store.stop();
  });
});

describe('ChatStore join and leave lines', () => {
  beforeEach(stubBrowser);
  afterEach(unstubBrowser);

  it('reads the joins and leaves among the first page from history events, as the page holds only messages', async () => {
    const store = await storeWithTwoConversations({ latestSeq: 5, readSeq: 5, unreadCount: 0 });
    api.messages.mockResolvedValue({ conversationId: 'c1', nextBefore: null, lastSeq: 5, messages: [1, 2, 4, 5].map(view) });
    const joined = { type: 'member.joined', v: 1, conversationId: 'c1', seq: 3, occurredAt: '2026-11-27T10:02:00Z',
      actorId: 'grace', userId: 'ivan', role: 'member' as const };
    api.events.mockImplementation(async (_id: string, after: number) => ({
      conversationId: 'c1', events: [messageIn('c1', 1), messageIn('c1', 2), joined, messageIn('c1', 4), messageIn('c1', 5)]
        .filter(e => e.seq > after), hasMore: false, nextAfter: 5, latestSeq: 5,
    }));

    await store.open('c1');

    const timeline = store.timelines.get('c1')!;
    await vi.waitFor(() => expect(timeline.systemLines).toHaveLength(1));
    expect(timeline.systemLines[0]).toMatchObject({ seq: 3, kind: 'joined', actorId: 'grace', userId: 'ivan' });
    expect(api.events).toHaveBeenCalledWith('c1', 0);
    expect(timeline.messages.map(m => m.seq)).toEqual([1, 2, 4, 5]);
    expect(store.summaries.get('c1')).toMatchObject({ unreadCount: 0 });
    store.stop();
  });
});

function view(seq: number) {
  return {
    seq, messageId: `m${seq}`, senderId: 'grace', senderName: 'Grace', body: `message ${seq}`, format: 'markdown' as const,
    attachments: [], replyTo: null, sentAt: '2026-11-27T10:00:00Z', editedAt: null, deleted: false,
  };
}

/** history-service's newest page of a conversation with messages 1 to last from Grace, and nothing newer. */
function pageOf(conversationId: string, last: number) {
  api.messages.mockResolvedValue({
    conversationId, nextBefore: null, lastSeq: last, messages: Array.from({ length: last }, (_, i) => view(i + 1)),
  });
  api.events.mockResolvedValue({ conversationId, events: [], hasMore: false, nextAfter: last, latestSeq: last });
}

async function storeWithTwoConversations(position: { latestSeq: number; readSeq: number; unreadCount: number }
  = { latestSeq: 1, readSeq: 1, unreadCount: 0 }) {
  const summary = (id: string) => ({
    conversationId: id, kind: 'GROUP' as const, name: id, peerId: null, lastMessage: null,
    lastActivityAt: '2026-11-27T10:00:00Z', ...position, archived: false,
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

describe('ChatStore in a busy conversation', () => {
  /** Timers the store set and that have not run: run by the test, as if their time had come. */
  const timers: (() => void)[] = [];
  beforeEach(() => {
    stubBrowser();
    vi.stubGlobal('window', {
      ...(window as unknown as Record<string, unknown>),
      setTimeout: (run: () => void) => timers.push(run), clearTimeout: () => undefined,
    });
  });
  afterEach(() => {
    timers.length = 0;
    unstubBrowser();
  });
  const reads = () => socket.sent.filter(frame => frame.type === 'read');

  it('sends one read receipt for many messages arriving in the open conversation, carrying the newest seq', async () => {
    const store = await storeWithTwoConversations();
    pageOf('c1', 1);
    await store.open('c1');
    // Opening marks it read at once.
    expect(reads()).toEqual([expect.objectContaining({ conversationId: 'c1', seq: 1 })]);

    for (let seq = 2; seq <= 21; seq++) socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', seq) });
    // The twenty that follow within the interval wait for it, and go as one.
    expect(reads()).toHaveLength(1);
    timers.splice(0).forEach(run => run());

    expect(reads()).toEqual([expect.objectContaining({ seq: 1 }), expect.objectContaining({ seq: 21 })]);
    store.stop();
  });

  it('counts a message that arrived before the conversation list, though the list came without it', async () => {
    let listed: (list: unknown[]) => void = () => undefined;
    const summary = (latestSeq: number, unreadCount: number) => ({
      conversationId: 'c1', kind: 'DIRECT' as const, name: 'Grace', peerId: 'grace', lastMessage: null,
      lastActivityAt: '2026-11-27T10:00:00Z', latestSeq, readSeq: 1, unreadCount, archived: false,
    });
    api.summaries.mockReturnValueOnce(new Promise(resolve => { listed = resolve; }));
    api.conversation.mockResolvedValue(details);
    api.presence.mockResolvedValue([]);
    const { ChatStore } = await import('./store');
    const store = new ChatStore(me);
    store.start();

    // Message 2 comes live before the list, and the list comes from a history-service that had not stored it yet.
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', 2) });
    listed([summary(1, 0)]);
    await vi.waitFor(() => expect(store.summariesLoaded).toBe(true));
    for (let seq = 3; seq <= 5; seq++) socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', seq) });
    expect(store.summaries.get('c1')?.unreadCount).toBe(3);

    // Asked again, history-service has them all: four unread, message 2 among them.
    api.summaries.mockResolvedValue([summary(5, 4)]);
    timers.splice(0).forEach(run => run());
    await vi.waitFor(() => expect(store.summaries.get('c1')?.unreadCount).toBe(4));
    store.stop();
  });

  it('asks for the list again when a live event skips seqs the list never counted', async () => {
    const summary = (latestSeq: number, unreadCount: number) => ({
      conversationId: 'c1', kind: 'DIRECT' as const, name: 'Grace', peerId: 'grace', lastMessage: null,
      lastActivityAt: '2026-11-27T10:00:00Z', latestSeq, readSeq: 1, unreadCount, archived: false,
    });
    api.summaries.mockResolvedValueOnce([summary(1, 0)]);
    api.conversation.mockResolvedValue(details);
    api.presence.mockResolvedValue([]);
    const { ChatStore } = await import('./store');
    const store = new ChatStore(me);
    store.start();
    await vi.waitFor(() => expect(store.summariesLoaded).toBe(true));

    // Messages 2 and 3 were sent after the list was read and before this socket was subscribed: 4 and 5 come live.
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', 4) });
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', 5) });
    expect(store.summaries.get('c1')?.unreadCount).toBe(2);

    api.summaries.mockResolvedValue([summary(5, 4)]);
    timers.splice(0).forEach(run => run());
    await vi.waitFor(() => expect(store.summaries.get('c1')?.unreadCount).toBe(4));
    store.stop();
  });

  it('never lets a waiting receipt undo a message marked unread', async () => {
    const store = await storeWithTwoConversations();
    pageOf('c1', 1);
    await store.open('c1');
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', 2) });
    socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', 3) });

    store.markUnread('c1', store.timelines.get('c1')!.message(3)!);
    timers.splice(0).forEach(run => run());

    expect(reads().map(frame => frame.seq)).toEqual([1]);
    store.stop();
  });

  it('shows one desktop notification for a burst in a hidden tab, then one for the rest of it', async () => {
    vi.stubGlobal('document', { ...document, hidden: true });
    const store = await storeWithTwoConversations();
    store.setPreferences({ desktopNotifications: true });
    api.user.mockReturnValue(new Promise(() => undefined));

    for (let seq = 2; seq <= 31; seq++) socket.handlers!.onFrame({ type: 'event', event: messageIn('c1', seq) });
    expect(alerts.showDesktopNotification).toHaveBeenCalledTimes(1);
    timers.splice(0).forEach(run => run());

    expect(alerts.showDesktopNotification).toHaveBeenCalledTimes(2);
    expect(alerts.showDesktopNotification).toHaveBeenLastCalledWith(
      expect.stringContaining('(29 new messages)'), 'message 31', 'c1', expect.any(Function));
    store.stop();
  });
});
