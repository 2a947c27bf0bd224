import { api } from '../api/http';
import { groupTitle } from './groupDirect';
import * as session from '../api/session';
import type {
  AttachmentRef, ConversationDetails, ConversationNotifications, ConversationSummary, DoNotDisturb, MessageFormat, MessagePage, Presence, ServerFrame, TimelineEvent,
  UserView, Uuid,
} from '../api/types';
import { reconnectDelay } from '../live/backoff';
import { ChatSocket, type ConnectionStatus } from '../live/socket';
import { plainText, previewOf } from '../text/markdown';
import { playMessageSound, prepareSoundAfterGesture, showDesktopNotification } from './alerts';
import { Burst } from './burst';
import { shallowEqual } from './equality';
import { DEFAULT_NOTIFICATIONS, DND_OFF, doNotDisturbAt, mutedAt, shouldNotify } from './notifications';
import { loadPreferences, savePreferences, takeLocalMutes, type Preferences } from './preferences';
import { mentions, Timeline, unreadAfter, type Message, type PendingMessage } from './timeline';

const ACK_TIMEOUT_MS = 15_000;
const TYPING_RENEW_MS = 3_000;
const TYPING_SHOWN_MS = 6_000;
const IDLE_AFTER_MS = 3 * 60_000;
/** Messages less than this apart are one burst: one sound for all of them. */
const SOUND_QUIET_MS = 3_000;
/** Read receipts for one conversation go at most this often: the newest seq read, once per interval. */
const READ_EVERY_MS = 1_000;
/** Desktop notifications of one conversation: at most one per interval, the later messages shown together. */
const NOTIFY_EVERY_MS = 3_000;
/** A hidden tab gets no animation frames: changes are still delivered (the tab title counts unread) after this. */
const HIDDEN_FLUSH_MS = 250;
/** Opening at a message (the first unread, a search hit) loads older pages back to it, but no further than this. */
const LOAD_BACK_AT_MOST = 2_000;
/** How many pages of history events are read for the join and leave lines of one loaded page of messages. */
const SYSTEM_LINE_PAGES = 5;

interface Watcher {
  select(store: ChatStore): unknown;
  equals(a: unknown, b: unknown): boolean;
  last: unknown;
  onChange(): void;
}

export interface Toast { id: number; text: string }

/**
 * Everything the client knows, outside React: the conversation list, open timelines, unacknowledged sends,
 * presence and typing, and the socket. Changes are collected and delivered once per animation frame, and only to
 * the watchers whose selected slice changed: a message in one room re-renders that room's list entry, not every
 * row of the open conversation. Values inside are replaced, never changed in place, so a selection can be compared.
 */
export class ChatStore {
  version = 0;
  status: ConnectionStatus = 'connecting';
  retryInMs = 0;
  summaries = new Map<Uuid, ConversationSummary>();
  summariesLoaded = false;
  details = new Map<Uuid, ConversationDetails>();
  timelines = new Map<Uuid, Timeline>();
  pending = new Map<string, PendingMessage>();
  names = new Map<Uuid, string>();
  /** Each user's picture (/api/avatars/{id}), null for none; absent until a profile or member list told us. */
  avatars = new Map<Uuid, Uuid | null>();
  private readonly avatarsAsked = new Set<Uuid>();
  presence = new Map<Uuid, Presence>();
  /** Counts friendship frames (a request, an answer, an end): an open friends list reads itself again on a change. */
  friendsVersion = 0;
  typing = new Map<Uuid, Map<Uuid, number>>();
  preferences: Preferences = loadPreferences();
  /** My do-not-disturb, kept by the server for all my devices (loaded at start and after a reconnect, then by frames). */
  doNotDisturb: DoNotDisturb = DND_OFF;
  toasts: Toast[] = [];
  activeConversation: Uuid | null = null;
  /**
   * Per open conversation, my read cursor when I opened it (or marked a message unread): the "New messages" line
   * goes above the first message after it. Only where something was unread; forgotten when the conversation closes.
   */
  readMarks = new Map<Uuid, number>();
  /** The thread shown beside the conversation, by its root's id; null when none is open. */
  openThread: { conversationId: Uuid; rootId: Uuid } | null = null;
  /** Why a conversation's first page could not be loaded, until it is opened again. */
  openFailures = new Map<Uuid, string>();
  /** A message to open a conversation at (a search hit), taken once by the conversation's view. */
  focus = new Map<Uuid, number>();
  navigate: (path: string) => void = () => {};

  private readonly watchers = new Set<Watcher>();
  private flushFrame: number | undefined;
  private flushTimer: number | undefined;
  private readonly sound = new Burst(SOUND_QUIET_MS);
  private socket: ChatSocket;
  private commandCounter = 0;
  private readonly ackTimers = new Map<string, number>();
  private readonly operations = new Map<string, string>();
  private readonly catchingUp = new Map<Uuid, Promise<void>>();
  private readonly loadingDetails = new Map<Uuid, Promise<void>>();
  /** Per conversation whose details failed for a moment: the retry waiting, and how many failed before it. */
  private readonly detailsRetries = new Map<Uuid, { timer: number; attempt: number }>();
  /** The shown conversation whose first page failed for a moment, and how often it was tried since. */
  private openRetry: { conversationId: Uuid; timer: number; attempt: number } | null = null;
  private readonly namesAsked = new Set<Uuid>();
  private lastTypingSent = new Map<Uuid, number>();
  private readSent = new Map<Uuid, number>();
  private readonly readSentAt = new Map<Uuid, number>();
  /** Per conversation, the newest message held back for one desktop notification, and how many it stands for. */
  private readonly heldNotifications = new Map<Uuid, { event: TimelineEvent; count: number; mentioned: boolean }>();
  /**
   * Live messages of conversations whose summary had not come yet, by the newest seq: counted by nobody until a
   * summary from history-service includes them, so summaries are asked again until they reach it.
   */
  private readonly unsummarized = new Map<Uuid, number>();
  /** The newest seq seen in each conversation, which the next read receipt carries. */
  private readonly readSeen = new Map<Uuid, number>();
  private readonly readTimers = new Map<Uuid, number>();
  /** Conversations I marked unread while they are open: not marked read again until I leave them. */
  private readonly heldUnread = new Set<Uuid>();
  private idle = false;
  private stopPreparingSound: () => void = () => {};
  private idleTimer: number | undefined;
  private summaryRefresh: number | undefined;
  private toastCounter = 0;
  private summaryRetries = 0;
  private summariesLoading: Promise<void> = Promise.resolve();
  /** Redraws when a mute or do-not-disturb runs out, so its indicator goes at that time. */
  private readonly expiryTimers = new Map<string, number>();

  constructor(readonly me: UserView) {
    this.names.set(me.id, me.displayName);
    this.avatars.set(me.id, me.avatarId ?? null);
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.socket = new ChatSocket(`${scheme}//${location.host}/ws`, {
      token: () => session.freshToken(),
      onStatus: (status, retryInMs) => {
        this.status = status;
        this.retryInMs = retryInMs ?? 0;
        this.changed();
      },
      onOpen: reconnected => this.onOpen(reconnected),
      onFrame: frame => this.onFrame(frame),
      onRevoked: () => session.signedOut(),
    });
  }

  /**
   * Calls onChange, at most once a frame, after changes that alter select's answer (compared with equals).
   * Returns the function that stops watching.
   */
  watch<T>(select: (store: ChatStore) => T, onChange: () => void,
           equals: (a: T, b: T) => boolean = shallowEqual): () => void {
    const watcher: Watcher = {
      select, equals: equals as (a: unknown, b: unknown) => boolean, last: select(this), onChange,
    };
    this.watchers.add(watcher);
    return () => { this.watchers.delete(watcher); };
  }

  /** Calls listener after any change (once a frame at most). */
  subscribe = (listener: () => void) => this.watch(store => store.version, listener);

  start() {
    this.socket.start();
    this.summariesLoading = this.refreshSummaries();
    void this.summariesLoading.then(() => this.moveLocalMutesToServer());
    void this.loadDoNotDisturb();
    ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'].forEach(type =>
      window.addEventListener(type, this.onUserInput, { passive: true }));
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('focus', this.onVisibility);
    this.stopPreparingSound = prepareSoundAfterGesture(() => this.preferences.sound);
    this.onUserInput();
  }

  stop() {
    this.socket.stop();
    ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'].forEach(type =>
      window.removeEventListener(type, this.onUserInput));
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('focus', this.onVisibility);
    this.stopPreparingSound();
    window.clearTimeout(this.idleTimer);
    window.clearTimeout(this.summaryRefresh);
    window.clearTimeout(this.flushTimer);
    if (this.flushFrame !== undefined) window.cancelAnimationFrame(this.flushFrame);
    this.ackTimers.forEach(timer => window.clearTimeout(timer));
    this.expiryTimers.forEach(timer => window.clearTimeout(timer));
    this.readTimers.forEach(timer => window.clearTimeout(timer));
    this.detailsRetries.forEach(retry => window.clearTimeout(retry.timer));
    window.clearTimeout(this.openRetry?.timer);
    document.title = 'Chat';
  }

  // ---------------------------------------------------------------- the conversation list

  /** Conversations, most recently active first. */
  get conversationList(): ConversationSummary[] {
    return [...this.summaries.values()].sort((a, b) => Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt));
  }

  get totalUnread(): number {
    let total = 0;
    const now = Date.now();
    // A muted conversation counts in the title only by its mentions of me.
    this.summaries.forEach(s => { total += mutedAt(s.notifications, now) ? (s.mentionCount ?? 0) : s.unreadCount; });
    return total;
  }

  async refreshSummaries() {
    try {
      const list = await api.summaries();
      const fresh = new Map(list.map(s => [s.conversationId, s]));
      // history-service may lag behind chat-service: keep what live events already told us, and ask again.
      let behind = false;
      this.summaries.forEach((known, id) => {
        const next = fresh.get(id);
        if (next && known.latestSeq > next.latestSeq) {
          behind = true;
          fresh.set(id, { ...next, ...pick(known), unreadCount: Math.max(known.unreadCount, next.unreadCount),
            mentionCount: Math.max(known.mentionCount ?? 0, next.mentionCount ?? 0) });
        }
        if (!next && this.details.has(id)) {
          behind = true;
          fresh.set(id, known);
        }
      });
      this.unsummarized.forEach((seq, id) => {
        if ((fresh.get(id)?.latestSeq ?? 0) < seq) behind = true;
        else this.unsummarized.delete(id);
      });
      if (behind && this.summaryRetries++ < 10) this.scheduleSummaryRefresh(1000);
      if (!behind) this.summaryRetries = 0;
      this.summaries = fresh;
      this.summariesLoaded = true;
      list.forEach(s => this.redrawWhenOver(s.notifications?.mutedUntil ?? null));
      list.forEach(s => {
        if (s.kind === 'DIRECT' && s.peerId && s.name) this.names.set(s.peerId, s.name);
        if (s.lastMessage?.senderName) this.names.set(s.lastMessage.senderId, s.lastMessage.senderName);
      });
      this.changed();
      void this.loadPresence(list.flatMap(s => (s.peerId ? [s.peerId] : [])));
    } catch (error) {
      this.toast(`Could not load conversations: ${describe(error)}`);
    }
  }

  private scheduleSummaryRefresh(delay = 800) {
    window.clearTimeout(this.summaryRefresh);
    this.summaryRefresh = window.setTimeout(() => void this.refreshSummaries(), delay);
  }

  /** A conversation we heard of before history-service listed it: describe it from chat-service. */
  private async ensureSummary(conversationId: Uuid) {
    if (this.summaries.has(conversationId)) return;
    await this.loadDetails(conversationId);
    const details = this.details.get(conversationId);
    if (!details || this.summaries.has(conversationId)) return;
    const peer = details.conversation.kind === 'DIRECT'
      ? details.members.find(m => m.userId !== this.me.id) : undefined;
    this.summaries.set(conversationId, {
      conversationId, kind: details.conversation.kind, name: details.conversation.name ?? peer?.displayName ?? null,
      peerId: peer?.userId ?? null, lastMessage: null, lastActivityAt: details.conversation.createdAt,
      latestSeq: details.conversation.lastSeq, archived: details.conversation.archived,
      readSeq: details.members.find(m => m.userId === this.me.id)?.readSeq ?? 0, unreadCount: 0, mentionCount: 0,
    });
    this.changed();
    if (peer) void this.loadPresence([peer.userId]);
    this.scheduleSummaryRefresh(1500);
  }

  conversationName(conversationId: Uuid): string {
    const summary = this.summaries.get(conversationId);
    const details = this.details.get(conversationId);
    if (details?.conversation.kind === 'GROUP') return details.conversation.name ?? 'Room';
    if (details?.conversation.kind === 'GROUP_DIRECT') {
      return groupTitle(details.members.filter(m => m.userId !== this.me.id)
        .map(m => this.names.get(m.userId) ?? m.displayName));
    }
    if (summary?.kind === 'DIRECT' && summary.peerId) return this.names.get(summary.peerId) ?? summary.name ?? '…';
    if (details) {
      const peer = details.members.find(m => m.userId !== this.me.id);
      if (peer) return this.names.get(peer.userId) ?? peer.displayName;
    }
    return summary?.name ?? '…';
  }

  peerOf(conversationId: Uuid): Uuid | null {
    const summary = this.summaries.get(conversationId);
    if (summary?.peerId) return summary.peerId;
    const details = this.details.get(conversationId);
    if (details?.conversation.kind !== 'DIRECT') return null;
    return details.members.find(m => m.userId !== this.me.id)?.userId ?? null;
  }

  nameOf(userId: Uuid): string {
    const known = this.names.get(userId);
    if (known) return known;
    if (!this.namesAsked.has(userId)) {
      this.namesAsked.add(userId);
      api.user(userId).then(user => this.renamed(user)).catch(() => undefined);
    }
    return '…';
  }

  /**
   * The user's picture, or null for initials. Member lists and profiles bring it; for anyone else (a direct peer
   * whose conversation is not open yet) the profile is asked for once. A change by someone we may see comes live, as
   * a profile frame.
   */
  avatarOf(userId: Uuid): Uuid | null {
    if (this.avatars.has(userId)) return this.avatars.get(userId) ?? null;
    if (!this.avatarsAsked.has(userId)) {
      this.avatarsAsked.add(userId);
      api.user(userId).then(user => this.renamed(user)).catch(() => undefined);
    }
    return null;
  }

  // ---------------------------------------------------------------- one conversation

  /** Shows a conversation: loads its members and newest page, catches up, and marks it read. */
  async open(conversationId: Uuid) {
    this.activeConversation = conversationId;
    this.openFailures.delete(conversationId);
    this.changed();
    void this.loadDetails(conversationId);
    let timeline = this.timelines.get(conversationId);
    if (!timeline) {
      timeline = this.newTimeline(conversationId);
      // A conversation created a moment ago may not have reached history-service yet: ask again for a while.
      for (let attempt = 0; ; attempt++) {
        try {
          // My read position is noted before the page (and any read of it) can move it.
          const [page] = await Promise.all([api.messages(conversationId, null), this.summariesLoading]);
          this.noteReadPosition(conversationId);
          timeline.loadNewest(page);
          void this.loadSystemLines(timeline, linesFrom(page), timeline.lastSeq);
          if (this.openRetry?.conversationId === conversationId) {
            window.clearTimeout(this.openRetry.timer);
            this.openRetry = null;
          }
          break;
        } catch (error) {
          const lagging = (error as { status?: number })?.status === 404 && attempt < 15;
          if (!lagging || this.timelines.get(conversationId) !== timeline) {
            if (this.timelines.get(conversationId) === timeline) this.timelines.delete(conversationId);
            // The pane says so (with a way to try again) instead of "Loading messages…" for ever.
            this.openFailures.set(conversationId, describe(error));
            // A failure of the moment (the network gone, a service restarting) is tried again by itself: what is
            // written meanwhile waits in a pane that must come back, not behind an error until someone clicks.
            if (isMomentary(error)) this.retryOpen(conversationId);
            else this.toast(`Could not open the conversation: ${describe(error)}`);
            this.changed();
            return;
          }
          await new Promise(resolve => window.setTimeout(resolve, 300 + attempt * 200));
        }
      }
      this.changed();
      await this.catchUp(conversationId);
    } else {
      this.noteReadPosition(conversationId);
    }
    this.markRead(conversationId, true);
  }

  close(conversationId: Uuid) {
    this.readMarks.delete(conversationId);
    this.heldUnread.delete(conversationId);
    if (this.activeConversation === conversationId) {
      this.activeConversation = null;
      this.changed();
    }
  }

  /** Where a "New messages" line goes in this conversation: after my cursor, if the server counts any unread. */
  private noteReadPosition(conversationId: Uuid) {
    const summary = this.summaries.get(conversationId);
    if (summary && summary.unreadCount > 0) this.readMarks.set(conversationId, summary.readSeq);
    else this.readMarks.delete(conversationId);
  }

  /** My read position for the "New messages" line: as noted on opening, or (before that) as the list says. */
  readMarkOf(conversationId: Uuid): number | undefined {
    if (this.readMarks.has(conversationId)) return this.readMarks.get(conversationId);
    const summary = this.summaries.get(conversationId);
    return summary && summary.unreadCount > 0 ? summary.readSeq : undefined;
  }

  /**
   * Loads older pages until the message at seq is in the timeline, at most LOAD_BACK_AT_MOST messages back;
   * whether it is there now.
   */
  async loadBackTo(conversationId: Uuid, seq: number): Promise<boolean> {
    const timeline = this.timelines.get(conversationId);
    if (!timeline) return false;
    const newest = timeline.lastSeq;
    while (timeline.nextBefore != null && (timeline.messages[0]?.seq ?? Infinity) > seq
           && newest - (timeline.messages[0]?.seq ?? newest) < LOAD_BACK_AT_MOST) {
      if (await this.loadOlder(conversationId) === 0) break;
    }
    return (timeline.messages[0]?.seq ?? Infinity) <= seq;
  }

  /** Opens the conversation at a message (a search hit). */
  openAt(conversationId: Uuid, seq: number) {
    this.focus.set(conversationId, seq);
    this.navigate(`/c/${conversationId}`);
  }

  /** The message to open the conversation at, if one was asked for; asked once. */
  takeFocus(conversationId: Uuid): number | undefined {
    const seq = this.focus.get(conversationId);
    this.focus.delete(conversationId);
    return seq;
  }

  async loadOlder(conversationId: Uuid): Promise<number> {
    const timeline = this.timelines.get(conversationId);
    if (!timeline || timeline.nextBefore == null) return 0;
    const before = timeline.messages.length;
    try {
      const upTo = timeline.nextBefore;
      const page = await api.messages(conversationId, upTo, 100);
      timeline.loadOlder(page);
      void this.loadSystemLines(timeline, linesFrom(page), upTo);
    } catch (error) {
      this.toast(`Could not load older messages: ${describe(error)}`);
    }
    this.changed();
    return timeline.messages.length - before;
  }

  async loadDetails(conversationId: Uuid, force = false): Promise<void> {
    if (!force && this.details.has(conversationId)) return;
    let loading = this.loadingDetails.get(conversationId);
    if (!loading || force) {
      loading = api.conversation(conversationId).then(details => {
        this.detailsRetries.delete(conversationId);
        this.details.set(conversationId, details);
        details.members.forEach(m => {
          this.names.set(m.userId, m.displayName);
          this.avatars.set(m.userId, m.avatarId ?? null);
        });
        this.changed();
        void this.loadPresence(details.members.map(m => m.userId).filter(id => id !== this.me.id));
      }).catch(error => {
        if (error?.status === 404) this.forget(conversationId);
        else this.retryDetails(conversationId);
      }).finally(() => this.loadingDetails.delete(conversationId));
      this.loadingDetails.set(conversationId, loading);
    }
    return loading;
  }

  /**
   * A failure of the moment (a node restarting, a gateway timeout) must not leave a conversation without its members,
   * mentions and roles until the next reconnect: ask again after a backoff, as the socket does.
   */
  private retryDetails(conversationId: Uuid) {
    const attempt = this.detailsRetries.get(conversationId)?.attempt ?? 0;
    const timer = window.setTimeout(() => {
      const stillWanted = this.summaries.has(conversationId) || this.activeConversation === conversationId;
      if (stillWanted && !this.details.has(conversationId)) void this.loadDetails(conversationId);
      else this.detailsRetries.delete(conversationId);
    }, reconnectDelay(attempt));
    this.detailsRetries.set(conversationId, { timer, attempt: attempt + 1 });
  }

  /** My messages on their way into the conversation's list (thread replies wait in their thread view). */
  pendingOf(conversationId: Uuid): PendingMessage[] {
    return [...this.pending.values()].filter(p => p.conversationId === conversationId && !p.threadRootId);
  }

  /** Who has read up to at least seq, other than me. */
  readersOf(conversationId: Uuid, seq: number): number {
    const details = this.details.get(conversationId);
    if (!details) return 0;
    return details.members.filter(m => m.userId !== this.me.id && m.readSeq >= seq).length;
  }

  typingIn(conversationId: Uuid): Uuid[] {
    const now = Date.now();
    return [...(this.typing.get(conversationId)?.entries() ?? [])]
      .filter(([userId, until]) => until > now && userId !== this.me.id).map(([userId]) => userId);
  }

  // ---------------------------------------------------------------- commands

  send(conversationId: Uuid, body: string, replyTo: number | null, attachments: AttachmentRef[] = []) {
    const clientId = this.newCommandId('m');
    const message: PendingMessage = {
      clientId, conversationId, body, replyTo, attachments, state: 'sending', createdAt: new Date().toISOString(),
    };
    this.pending.set(clientId, message);
    this.changed();
    this.transmit(message);
    this.stopTyping(conversationId);
  }

  /** A reply in the thread under rootId; alsoToConversation shows it in the conversation's list too. */
  sendInThread(conversationId: Uuid, rootId: Uuid, body: string, alsoToConversation: boolean) {
    const clientId = this.newCommandId('m');
    const message: PendingMessage = {
      clientId, conversationId, body, replyTo: null, attachments: [], threadRootId: rootId, alsoToConversation,
      state: 'sending', createdAt: new Date().toISOString(),
    };
    this.pending.set(clientId, message);
    this.changed();
    this.transmit(message);
    this.stopTyping(conversationId);
  }

  /** Shows the thread under rootId and loads its replies; later replies arrive as the conversation's events. */
  async showThread(conversationId: Uuid, rootId: Uuid): Promise<void> {
    this.openThread = { conversationId, rootId };
    this.changed();
    const timeline = this.timelines.get(conversationId);
    if (!timeline) return;
    try {
      timeline.loadThread(await api.thread(conversationId, rootId));
      this.changed();
    } catch (error) {
      this.toast(`Could not load the thread: ${describe(error)}`);
    }
  }

  hideThread() {
    this.openThread = null;
    this.changed();
  }

  /** My messages on their way into the thread under rootId. */
  pendingInThread(rootId: Uuid): PendingMessage[] {
    return [...this.pending.values()].filter(p => p.threadRootId === rootId);
  }

  /** Sends a failed message again under the same client id, so the server cannot make it twice. */
  retry(clientId: string) {
    const message = this.updatePending(clientId, { state: 'sending', error: undefined, resendOnReconnect: false });
    if (!message) return;
    this.changed();
    this.transmit(message);
  }

  /** Pending messages are replaced, not changed in place: a row compares the object it shows. */
  private updatePending(clientId: string, change: Partial<PendingMessage>): PendingMessage | undefined {
    const message = this.pending.get(clientId);
    if (!message) return undefined;
    const next = { ...message, ...change };
    this.pending.set(clientId, next);
    return next;
  }

  discard(clientId: string) {
    this.pending.delete(clientId);
    this.changed();
  }

  edit(conversationId: Uuid, messageId: Uuid, body: string) {
    const id = this.newCommandId('e');
    this.operations.set(id, 'edit the message');
    if (!this.socket.send({ type: 'edit', id, conversationId, messageId, body })) this.toast('Offline: not edited.');
  }

  /** Adds my reaction, or takes it back; the change shows when its event comes back (on every device alike). */
  react(conversationId: Uuid, messageId: Uuid, emoji: string, remove: boolean) {
    const id = this.newCommandId('x');
    this.operations.set(id, 'react to');
    if (!this.socket.send({ type: 'react', id, conversationId, messageId, emoji, remove })) {
      this.operations.delete(id);
      this.toast('Offline: no reaction sent.');
    }
  }

  remove(conversationId: Uuid, messageId: Uuid) {
    const id = this.newCommandId('d');
    this.operations.set(id, 'delete the message');
    if (!this.socket.send({ type: 'delete', id, conversationId, messageId })) this.toast('Offline: not deleted.');
  }

  /**
   * Marks what the open conversation shows as read. The receipt goes at once when the reader acts (opens it, comes
   * back to the tab) and at most once per READ_EVERY_MS while messages stream in (see sendRead).
   */
  markRead(conversationId: Uuid, atOnce = false) {
    const timeline = this.timelines.get(conversationId);
    if (!timeline || !timeline.loaded || document.hidden || this.activeConversation !== conversationId
        || this.heldUnread.has(conversationId)) return;
    const seq = timeline.lastSeq;
    const summary = this.summaries.get(conversationId);
    if (summary && (summary.unreadCount !== 0 || summary.readSeq < seq)) {
      this.summaries.set(conversationId, {
        ...summary, unreadCount: 0, mentionCount: 0, readSeq: Math.max(summary.readSeq, seq),
      });
      this.changed();
    }
    if (seq > (this.readSent.get(conversationId) ?? 0) && seq > 0) {
      this.readSeen.set(conversationId, Math.max(seq, this.readSeen.get(conversationId) ?? 0));
      this.sendRead(conversationId, atOnce);
    }
  }

  /**
   * Tells the server how far I have read, at most once per READ_EVERY_MS per conversation: the first read goes at
   * once, those following within the interval go as one, for the newest seq then. An open busy conversation (twenty
   * messages a second) so costs one frame a second and one receipt back to every member, not twenty.
   */
  private sendRead(conversationId: Uuid, atOnce: boolean) {
    if (atOnce) {
      window.clearTimeout(this.readTimers.get(conversationId));
      this.readTimers.delete(conversationId);
    }
    if (this.readTimers.has(conversationId)) return;
    const wait = atOnce ? 0
      : (this.readSentAt.get(conversationId) ?? Number.NEGATIVE_INFINITY) + READ_EVERY_MS - Date.now();
    if (wait > 0) {
      this.readTimers.set(conversationId, window.setTimeout(() => {
        this.readTimers.delete(conversationId);
        this.sendReadNow(conversationId);
      }, wait));
    } else {
      this.sendReadNow(conversationId);
    }
  }

  private sendReadNow(conversationId: Uuid) {
    // What was on screen when marked read: not what arrived while the receipt waited (the reader may have left).
    const seq = this.readSeen.get(conversationId) ?? 0;
    if (seq <= (this.readSent.get(conversationId) ?? 0)) return;
    if (this.socket.send({ type: 'read', id: this.newCommandId('r'), conversationId, seq })) {
      this.readSent.set(conversationId, seq);
      this.readSentAt.set(conversationId, Date.now());
    }
  }

  /**
   * Moves my read cursor back to just before a message (the one backwards move there is): the conversation counts
   * it and what follows as unread again, here at once and on my other devices by the server's `unread` frame. While
   * the conversation stays open it is not marked read again.
   */
  markUnread(conversationId: Uuid, message: Message) {
    const id = this.newCommandId('u');
    this.operations.set(id, 'mark the message as unread');
    if (!this.socket.send({ type: 'unread', id, conversationId, messageId: message.messageId })) {
      this.operations.delete(id);
      this.toast('Offline: not marked as unread.');
      return;
    }
    const timeline = this.timelines.get(conversationId);
    this.cursorMovedBack(conversationId, message.seq - 1,
      timeline ? unreadAfter(timeline.messages, message.seq - 1, this.me.id) : null);
  }

  /** My cursor went back (here or on another device): count again, and show the line where it is now. */
  private cursorMovedBack(conversationId: Uuid, seq: number, unreadCount: number | null) {
    const summary = this.summaries.get(conversationId);
    if (summary) {
      this.summaries.set(conversationId, {
        ...summary, readSeq: seq, unreadCount: unreadCount ?? summary.unreadCount,
      });
      // The frame counts unread messages, not mentions: history-service's summary says how many of them mention me.
      this.scheduleSummaryRefresh();
    }
    this.readSent.set(conversationId, seq);
    // A receipt still waiting would move the cursor forward again past the message marked unread.
    this.readSeen.set(conversationId, seq);
    window.clearTimeout(this.readTimers.get(conversationId));
    this.readTimers.delete(conversationId);
    if (this.activeConversation === conversationId) {
      this.heldUnread.add(conversationId);
      this.readMarks.set(conversationId, seq);
    }
    this.changed();
  }

  typed(conversationId: Uuid, hasText: boolean) {
    if (!hasText) {
      this.stopTyping(conversationId);
      return;
    }
    const now = Date.now();
    if (now - (this.lastTypingSent.get(conversationId) ?? 0) < TYPING_RENEW_MS) return;
    this.lastTypingSent.set(conversationId, now);
    this.socket.send({ type: 'typing', id: this.newCommandId('t'), conversationId, typing: true });
  }

  private stopTyping(conversationId: Uuid) {
    if (!this.lastTypingSent.has(conversationId)) return;
    this.lastTypingSent.delete(conversationId);
    this.socket.send({ type: 'typing', id: this.newCommandId('t'), conversationId, typing: false });
  }

  private transmit(message: PendingMessage) {
    window.clearTimeout(this.ackTimers.get(message.clientId));
    const frame: Record<string, unknown> = {
      type: 'send', id: message.clientId, conversationId: message.conversationId, body: message.body,
      format: 'markdown' satisfies MessageFormat,
    };
    if (message.replyTo != null) frame.replyTo = message.replyTo;
    if (message.threadRootId) {
      frame.threadRootId = message.threadRootId;
      if (message.alsoToConversation) frame.alsoToConversation = true;
    }
    if (message.attachments.length) frame.attachments = message.attachments.map(a => a.id);
    // Until the socket answers the message waits, still "sending", and goes out in order when it does (onOpen).
    if (!this.socket.isAnswering || !this.socket.send(frame)) return;
    this.ackTimers.set(message.clientId, window.setTimeout(() => {
      const stillPending = this.pending.get(message.clientId);
      if (stillPending?.state === 'sending' && this.socket.isOpen) {
        this.updatePending(message.clientId,
          { state: 'failed', error: 'No answer from the server.', resendOnReconnect: true });
        this.changed();
      }
    }, ACK_TIMEOUT_MS));
  }

  private newCommandId(kind: string): string {
    const random = crypto.getRandomValues(new Uint32Array(2));
    return `${kind}-${Date.now().toString(36)}-${random[0].toString(36)}${random[1].toString(36)}-${++this.commandCounter}`;
  }

  // ---------------------------------------------------------------- the socket

  private onOpen(reconnected: boolean) {
    // Same client ids: a message that did reach the server before the drop is not made twice.
    [...this.pending.values()].forEach(message => {
      if (message.state === 'failed' && message.resendOnReconnect) {
        this.transmit(this.updatePending(message.clientId,
          { state: 'sending', error: undefined, resendOnReconnect: false })!);
      } else if (message.state === 'sending') {
        this.transmit(message);
      }
    });
    if (reconnected) this.changed();
    this.reopenIfFailed();
    this.readSent.clear();
    if (this.idle) this.socket.send({ type: 'idle', id: this.newCommandId('i'), idle: true });
    void this.resume(reconnected);
    if (this.activeConversation) this.markRead(this.activeConversation, true);
  }

  /**
   * Once the socket is open (first time or again): chat-service tells the true last seq of every conversation; each
   * open timeline is brought up to it from history-service (which may lag a moment, so it is asked again until it
   * has caught up). A conversation created just before the socket subscribed reaches us by no frame, and history may
   * not list it yet: it is described from chat-service instead.
   */
  private async resume(reconnected: boolean) {
    if (reconnected) {
      this.summariesLoading = this.refreshSummaries();
      // A settings frame sent while the socket was down is lost: the server's state is read again.
      void this.loadDoNotDisturb();
    }
    let truth: Map<Uuid, number>;
    try {
      truth = new Map((await api.conversations()).map(c => [c.id, c.lastSeq]));
    } catch {
      truth = new Map();
    }
    for (const id of this.timelines.keys()) {
      if (!truth.has(id) && truth.size > 0) {
        this.forget(id);
        continue;
      }
      void this.catchUp(id, truth.get(id) ?? 0);
    }
    await this.summariesLoading;
    truth.forEach((lastSeq, id) => {
      const summary = this.summaries.get(id);
      if (!summary) void this.ensureSummary(id);
      else if (lastSeq > summary.latestSeq) this.scheduleSummaryRefresh(1500);
    });
    if (reconnected) this.details.forEach((_, id) => void this.loadDetails(id, true));
  }

  /**
   * The joins and leaves among loaded messages, after a reload or a scroll back: history's message pages hold only
   * messages, so they are read from its events (the ones resume uses), from after seq `after` up to `upTo`. At most
   * SYSTEM_LINE_PAGES pages: a stretch that busy with edits and reactions shows its messages without the lines.
   */
  private async loadSystemLines(timeline: Timeline, after: number, upTo: number) {
    try {
      for (let page = 0; page < SYSTEM_LINE_PAGES && after < upTo; page++) {
        const events = await api.events(timeline.conversationId, after);
        timeline.addSystemLines(events.events.filter(e => e.seq <= upTo));
        if (!events.hasMore || events.nextAfter <= after) break;
        after = events.nextAfter;
      }
    } catch {
      // Only the join and leave lines are missing; the messages are there. Nothing to tell the reader.
    }
    this.changed();
  }

  /** Brings a timeline up to date from history, one run at a time per conversation. */
  catchUp(conversationId: Uuid, target = 0): Promise<void> {
    const running = this.catchingUp.get(conversationId);
    if (running) return running.then(() => this.catchUp(conversationId, target));
    const run = (async () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const timeline = this.timelines.get(conversationId);
        if (!timeline) return;
        let page;
        do {
          page = await api.events(conversationId, timeline.lastSeq);
          page.events.forEach(event => this.applyToTimeline(timeline, event, false));
          this.changed();
        } while (page.hasMore && page.events.length > 0);
        if (!timeline.hasGap && timeline.lastSeq >= target) break;
        await new Promise(resolve => window.setTimeout(resolve, 300 + attempt * 200));
      }
    })().catch(error => {
      // history-service may not know a brand-new conversation yet; chat-service says whether it is really gone.
      if (error?.status === 404) void this.loadDetails(conversationId, true);
    }).finally(() => {
      this.catchingUp.delete(conversationId);
      this.markRead(conversationId);
    });
    this.catchingUp.set(conversationId, run);
    return run;
  }

  private onFrame(frame: ServerFrame) {
    switch (frame.type) {
      case 'ack': {
        window.clearTimeout(this.ackTimers.get(frame.id));
        this.ackTimers.delete(frame.id);
        const message = this.updatePending(frame.id, { state: 'sent', ackSeq: frame.seq });
        if (message) {
          const timeline = this.timelines.get(message.conversationId);
          // The event may have come first (or through history): then the message is already in place.
          if (timeline && timeline.message(frame.seq)) this.pending.delete(frame.id);
          else if (timeline && frame.seq > timeline.lastSeq + 1) void this.catchUp(message.conversationId);
          this.changed();
        }
        this.operations.delete(frame.id);
        break;
      }
      case 'event':
        this.onEvent(frame.event);
        break;
      case 'receipt':
        this.onReceipt(frame.conversationId, frame.userId, frame.seq);
        break;
      case 'unread':
        this.cursorMovedBack(frame.conversationId, frame.seq, frame.unreadCount);
        break;
      case 'error':
        this.onError(frame.id, frame.code, frame.message);
        break;
      case 'presence':
        this.presence.set(frame.userId, { userId: frame.userId, status: frame.status, lastSeenAt: frame.lastSeenAt });
        this.changed();
        break;
      case 'notifications':
        this.applyNotifications(frame.conversationId, frame.notifications);
        break;
      case 'do-not-disturb':
        this.doNotDisturb = frame.doNotDisturb;
        this.redrawWhenOver(frame.doNotDisturb.until);
        this.changed();
        break;
      case 'friendship':
        this.friendsVersion++;
        this.changed();
        break;
      case 'profile':
        this.renamed({ id: frame.userId, username: frame.username, displayName: frame.displayName,
          avatarId: frame.avatarId });
        break;
      case 'typing': {
        const members = this.typing.get(frame.conversationId) ?? new Map<Uuid, number>();
        if (frame.typing) members.set(frame.userId, Date.now() + TYPING_SHOWN_MS);
        else members.delete(frame.userId);
        this.typing.set(frame.conversationId, members);
        this.changed();
        if (frame.typing) window.setTimeout(() => this.changed(), TYPING_SHOWN_MS + 50);
        break;
      }
      default:
        break;
    }
  }

  private onError(id: string | null, code: string, text: string) {
    const message = id ? this.pending.get(id) : undefined;
    if (message) {
      window.clearTimeout(this.ackTimers.get(message.clientId));
      if (code === 'rate_limited' || code === 'unavailable') {
        // The protocol says: retry with the same id after a pause.
        window.setTimeout(() => this.transmit(message), 1500 + Math.random() * 1000);
        return;
      }
      this.updatePending(message.clientId, { state: 'failed', error: text || code });
      this.changed();
      return;
    }
    const operation = id ? this.operations.get(id) : undefined;
    if (operation) {
      this.operations.delete(id!);
      this.toast(`Could not ${operation}: ${text || code}`);
    }
  }

  /** The list is asked for again until history-service's summary of the conversation reaches this seq. */
  private awaitSummaryOf(conversationId: Uuid, seq: number) {
    this.unsummarized.set(conversationId, Math.max(seq, this.unsummarized.get(conversationId) ?? 0));
  }

  private onEvent(event: TimelineEvent) {
    const id = event.conversationId;
    if (!this.summaries.has(id)) {
      this.awaitSummaryOf(id, event.seq);
      void this.ensureSummary(id);
    }
    const summary = this.summaries.get(id);
    if (summary && event.seq > summary.latestSeq + 1) {
      // Seqs are gapless: the ones skipped were published before this socket listened (after the list was read),
      // so the list counted them nowhere. history-service has them; ask until its list reaches this event.
      this.awaitSummaryOf(id, event.seq);
      this.scheduleSummaryRefresh();
    }
    if (summary && event.seq > summary.latestSeq) {
      const next = { ...summary, latestSeq: event.seq };
      if (event.type === 'message.created' && event.threadRootId && !event.alsoToConversation) {
        // A thread-only reply is no preview; whether it is unread for me depends on following its thread, which
        // history-service knows: ask it rather than guess.
        if (event.actorId !== this.me.id) this.scheduleSummaryRefresh();
      } else if (event.type === 'message.created') {
        next.lastActivityAt = event.occurredAt;
        next.lastMessage = {
          seq: event.seq, messageId: event.messageId ?? null, senderId: event.actorId,
          senderName: this.names.get(event.actorId) ?? null, preview: event.body ? previewOf(event.body) : null,
          deleted: false, sentAt: event.occurredAt,
        };
        const fromOther = event.actorId !== this.me.id;
        const seen = this.activeConversation === id && !document.hidden && !this.heldUnread.has(id);
        const mentioned = mentions({
          senderId: event.actorId, mentionedUserIds: event.mentionedUserIds ?? [], roomMentioned: !!event.roomMentioned,
        }, this.me.id);
        if (fromOther && !seen) next.unreadCount = summary.unreadCount + 1;
        if (mentioned && !seen) next.mentionCount = (summary.mentionCount ?? 0) + 1;
        if (fromOther) this.alert(id, event, mentioned);
      }
      // The preview follows an edit or delete of the message it shows, at once.
      const last = summary.lastMessage;
      if ((event.type === 'message.edited' || event.type === 'message.deleted') && last && event.messageId) {
        if (last.messageId === event.messageId) {
          next.lastMessage = event.type === 'message.edited'
            ? { ...last, preview: event.body ? previewOf(event.body) : null }
            : { ...last, preview: null, deleted: true };
        } else if (last.messageId == null) {
          this.scheduleSummaryRefresh();
        }
      }
      if (event.type === 'conversation.updated' && summary.kind === 'GROUP') {
        next.name = event.name ?? next.name;
        next.archived = event.archived ?? false;
      }
      this.summaries.set(id, next);
    }
    if ((event.type === 'member.left' && event.userId === this.me.id) || event.type === 'conversation.deleted') {
      this.forget(id);
      return;
    }
    if (['member.joined', 'member.left', 'conversation.updated'].includes(event.type) && this.details.has(id)) {
      void this.loadDetails(id, true);
    }
    const timeline = this.timelines.get(id);
    if (timeline) this.applyToTimeline(timeline, event, true);
    this.changed();
  }

  private applyToTimeline(timeline: Timeline, event: TimelineEvent, live: boolean) {
    const outcome = timeline.apply(event);
    if (outcome === 'gap' && live && timeline.loaded) void this.catchUp(timeline.conversationId);
    if (outcome === 'applied' && this.activeConversation === timeline.conversationId) {
      this.markRead(timeline.conversationId);
    }
  }

  private newTimeline(conversationId: Uuid): Timeline {
    const timeline = new Timeline(conversationId, (message: Message, event: TimelineEvent) => {
      // Our own message arrived as an event: its "sending" placeholder is no longer needed.
      if (message.senderId === this.me.id && event.clientId && this.pending.has(event.clientId)) {
        window.clearTimeout(this.ackTimers.get(event.clientId));
        this.pending.delete(event.clientId);
      }
    });
    this.timelines.set(conversationId, timeline);
    return timeline;
  }

  private onReceipt(conversationId: Uuid, userId: Uuid, seq: number) {
    const details = this.details.get(conversationId);
    if (details) {
      this.details.set(conversationId, {
        ...details,
        members: details.members.map(m => (m.userId === userId ? { ...m, readSeq: Math.max(m.readSeq, seq) } : m)),
      });
    }
    const summary = this.summaries.get(conversationId);
    if (userId === this.me.id && summary && seq > summary.readSeq) {
      // Read on another device of mine.
      const unread = seq >= summary.latestSeq ? 0 : summary.unreadCount;
      const mentionCount = unread === 0 ? 0 : summary.mentionCount;
      this.summaries.set(conversationId, { ...summary, readSeq: seq, unreadCount: unread, mentionCount });
      if (unread !== 0) this.scheduleSummaryRefresh();
    }
    this.changed();
  }

  /**
   * Opens the conversation again while it is still the one shown and still failed: after the socket's backoff, and
   * at once when the socket is back (onOpen), since a failure of the moment is most often the network.
   */
  private retryOpen(conversationId: Uuid) {
    window.clearTimeout(this.openRetry?.timer);
    const attempt = this.openRetry?.conversationId === conversationId ? this.openRetry.attempt : 0;
    const timer = window.setTimeout(() => this.reopenIfFailed(), reconnectDelay(attempt));
    this.openRetry = { conversationId, timer, attempt: attempt + 1 };
  }

  private reopenIfFailed() {
    const active = this.activeConversation;
    if (active && this.openFailures.has(active)) void this.open(active);
  }

  /** The conversation is gone for us (left, removed): drop it and leave its view. */
  forget(conversationId: Uuid) {
    this.summaries.delete(conversationId);
    this.unsummarized.delete(conversationId);
    this.details.delete(conversationId);
    this.timelines.delete(conversationId);
    if (this.activeConversation === conversationId) {
      this.activeConversation = null;
      this.navigate('/');
    }
    this.changed();
  }

  // ---------------------------------------------------------------- presence and idle

  /**
   * Anyone's presence as the others see it. Your own comes from this client, not from frames: presence frames go to
   * the people who see you, never to you, so a member list would otherwise show you offline.
   */
  presenceOf(userId: Uuid): Presence | undefined {
    if (userId !== this.me.id) return this.presence.get(userId);
    const status = this.status !== 'online' ? 'offline' : this.idle ? 'away' : 'online';
    return { userId, status, lastSeenAt: null };
  }

  async loadPresence(ids: Uuid[]) {
    const unknown = [...new Set(ids)].filter(id => !this.presence.has(id));
    if (unknown.length === 0) return;
    try {
      for (let i = 0; i < unknown.length; i += 100) {
        (await api.presence(unknown.slice(i, i + 100))).forEach(p => this.presence.set(p.userId, p));
      }
      this.changed();
    } catch {
      // Presence is decoration; live presence frames still arrive.
    }
  }

  private onUserInput = () => {
    if (this.idle) {
      this.idle = false;
      this.socket.send({ type: 'idle', id: this.newCommandId('i'), idle: false });
      this.changed();
    }
    window.clearTimeout(this.idleTimer);
    this.idleTimer = window.setTimeout(() => {
      this.idle = true;
      this.socket.send({ type: 'idle', id: this.newCommandId('i'), idle: true });
      this.changed();
    }, IDLE_AFTER_MS);
  };

  private onVisibility = () => {
    if (!document.hidden && this.activeConversation) this.markRead(this.activeConversation, true);
  };

  // ---------------------------------------------------------------- notifications

  setPreferences(change: Partial<Preferences>) {
    this.preferences = { ...this.preferences, ...change };
    savePreferences(this.preferences);
    this.changed();
  }

  /** My settings for the conversation, as the server keeps them (the defaults until it said otherwise). */
  notificationsOf(conversationId: Uuid): ConversationNotifications {
    return this.summaries.get(conversationId)?.notifications ?? DEFAULT_NOTIFICATIONS;
  }

  isMuted(conversationId: Uuid): boolean {
    return mutedAt(this.summaries.get(conversationId)?.notifications, Date.now());
  }

  get doNotDisturbOn(): boolean {
    return doNotDisturbAt(this.doNotDisturb, Date.now());
  }

  /** Mutes for ever, or unmutes: the header's bell. */
  toggleMute(conversationId: Uuid) {
    const muted = this.isMuted(conversationId);
    void this.setNotifications(conversationId, { muted: !muted, mutedUntil: null });
  }

  /**
   * Changes my settings for the conversation on the server, which pushes them to all my devices (this one included);
   * shown here at once.
   */
  async setNotifications(conversationId: Uuid, change: Partial<ConversationNotifications>) {
    const wanted = { ...this.notificationsOf(conversationId), ...change };
    if (!wanted.muted) wanted.mutedUntil = null;
    try {
      this.applyNotifications(conversationId, await api.notifications(conversationId, wanted));
    } catch (error) {
      this.toast(`Could not change the notifications: ${describe(error)}`);
    }
  }

  async setDoNotDisturb(on: boolean, until: string | null) {
    try {
      this.doNotDisturb = await api.setDoNotDisturb({ on, until: on ? until : null });
      this.redrawWhenOver(this.doNotDisturb.until);
      this.changed();
    } catch (error) {
      this.toast(`Could not change do not disturb: ${describe(error)}`);
    }
  }

  /** Mutes this browser kept before the server kept them become the server's, so every device has them. */
  private moveLocalMutesToServer() {
    takeLocalMutes().filter(id => this.summaries.has(id) && !this.isMuted(id))
      .forEach(id => void this.setNotifications(id, { muted: true, mutedUntil: null }));
  }

  private async loadDoNotDisturb() {
    try {
      this.doNotDisturb = await api.doNotDisturb();
      this.redrawWhenOver(this.doNotDisturb.until);
      this.changed();
    } catch {
      // Until it is known, nothing is held back: a missed quiet hour is better than a missed message.
    }
  }

  private applyNotifications(conversationId: Uuid, notifications: ConversationNotifications) {
    const summary = this.summaries.get(conversationId);
    if (!summary) return;
    this.summaries.set(conversationId, { ...summary, notifications });
    this.redrawWhenOver(notifications.mutedUntil);
    this.changed();
  }

  /** A redraw when a mute or do-not-disturb ends, so the list and title follow without a frame from the server. */
  private redrawWhenOver(until: string | null) {
    if (!until || this.expiryTimers.has(until)) return;
    const wait = Date.parse(until) - Date.now();
    // setTimeout holds at most about 24 days; a later end is redrawn by any change after it.
    if (!(wait > 0) || wait > 2_000_000_000) return;
    this.expiryTimers.set(until, window.setTimeout(() => {
      this.expiryTimers.delete(until);
      this.changed();
    }, wait + 50));
  }

  /** Sound and browser notification for a message from someone else, as my settings say (state/notifications.ts). */
  private alert(conversationId: Uuid, event: TimelineEvent, mentioned = false) {
    if (!shouldNotify(this.summaries.get(conversationId)?.notifications, this.doNotDisturb, mentioned, Date.now())) {
      return;
    }
    const visibleHere = this.activeConversation === conversationId && !document.hidden;
    // Every message moves the burst on, so a steady stream stays one burst however long it lasts.
    if (this.sound.starts(Date.now()) && this.preferences.sound && !visibleHere) playMessageSound();
    if (document.hidden && this.preferences.desktopNotifications) this.notify(conversationId, event, mentioned);
  }

  /**
   * A desktop notification in a hidden tab: the first message of a conversation shows at once; those arriving within
   * NOTIFY_EVERY_MS after it are held and shown as one (the newest, with how many came), so a busy room replaces one
   * notification a few times rather than building fifty.
   */
  private notify(conversationId: Uuid, event: TimelineEvent, mentioned: boolean) {
    const held = this.heldNotifications.get(conversationId);
    if (held) {
      held.event = event;
      held.count++;
      held.mentioned ||= mentioned;
      return;
    }
    this.showNotification(conversationId, event, mentioned, 1);
    const waiting = { event, count: 0, mentioned: false };
    this.heldNotifications.set(conversationId, waiting);
    window.setTimeout(() => {
      this.heldNotifications.delete(conversationId);
      if (waiting.count > 0 && document.hidden) {
        this.showNotification(conversationId, waiting.event, waiting.mentioned, waiting.count);
      }
    }, NOTIFY_EVERY_MS);
  }

  private showNotification(conversationId: Uuid, event: TimelineEvent, mentioned: boolean, count: number) {
    const sender = this.nameOf(event.actorId);
    const where = this.summaries.get(conversationId)?.kind === 'GROUP'
      ? `${sender}${mentioned ? ' mentioned you' : ''} in ${this.conversationName(conversationId)}` : sender;
    const text = event.body ? plainText(event.body).slice(0, 200) : 'Sent an attachment';
    showDesktopNotification(count > 1 ? `${where} (${count} new messages)` : where, text,
      conversationId, () => this.navigate(`/c/${conversationId}`));
  }

  toast(text: string) {
    const id = ++this.toastCounter;
    this.toasts = [...this.toasts, { id, text }].slice(-3);
    this.changed();
    window.setTimeout(() => {
      this.toasts = this.toasts.filter(t => t.id !== id);
      this.changed();
    }, 6000);
  }

  /** A profile heard of (the caller's own after a change, or one looked up): its name and picture. */
  renamed(user: UserView) {
    this.names.set(user.id, user.displayName);
    this.avatars.set(user.id, user.avatarId ?? null);
    this.changed();
  }

  /** Sends whose message is in the timeline (it came through history, not as a live event) are done. */
  private settlePending() {
    this.pending.forEach((message, clientId) => {
      if (message.ackSeq !== undefined && this.timelines.get(message.conversationId)?.message(message.ackSeq)) {
        this.pending.delete(clientId);
      }
    });
  }

  private changed() {
    if (this.pending.size) this.settlePending();
    this.version++;
    if (this.flushFrame !== undefined || this.flushTimer !== undefined) return;
    this.flushFrame = window.requestAnimationFrame(this.flush);
    this.flushTimer = window.setTimeout(this.flush, HIDDEN_FLUSH_MS);
  }

  /** Delivers the changes made since the last flush: the tab title, then each watcher whose slice changed. */
  flush = () => {
    if (this.flushFrame !== undefined) window.cancelAnimationFrame(this.flushFrame);
    window.clearTimeout(this.flushTimer);
    this.flushFrame = undefined;
    this.flushTimer = undefined;
    const unread = this.totalUnread;
    document.title = unread > 0 ? `(${unread}) Chat` : 'Chat';
    [...this.watchers].forEach(watcher => {
      if (!this.watchers.has(watcher)) return;
      const next = watcher.select(this);
      if (watcher.equals(watcher.last, next)) return;
      watcher.last = next;
      watcher.onChange();
    });
  };
}

/** The seq after which a page's join and leave lines start: the beginning when the page reaches it. */
function linesFrom(page: MessagePage): number {
  return page.nextBefore == null || page.messages.length === 0 ? 0 : page.messages[0].seq - 1;
}

function pick(summary: ConversationSummary): Partial<ConversationSummary> {
  return {
    latestSeq: summary.latestSeq, lastMessage: summary.lastMessage, lastActivityAt: summary.lastActivityAt,
    unreadCount: summary.unreadCount, mentionCount: summary.mentionCount,
  };
}

/** A failure that asking again later may mend: no answer at all (the network), a server error, or "too many". */
function isMomentary(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status;
  return status === undefined || status === 429 || status >= 500;
}

export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'describe' in error && typeof error.describe === 'function') {
    return error.describe();
  }
  return error instanceof Error ? error.message : String(error);
}
