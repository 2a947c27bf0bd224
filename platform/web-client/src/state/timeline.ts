import type { AttachmentRef, MessagePage, MessageView, ThreadPage, ThreadSummary, TimelineEvent, Uuid } from '../api/types';
import { reactionsFromViews, withReaction, withoutReaction, type Reaction } from './reactions';

export interface Message {
  seq: number;
  messageId: Uuid;
  senderId: Uuid;
  body: string | null;
  format: string;
  attachments: AttachmentRef[];
  replyTo: number | null;
  sentAt: string;
  editedAt: string | null;
  deleted: boolean;
  reactions: Reaction[];
  /** Set on a thread reply: its root's id; alsoToConversation shows it in the conversation's list too. */
  threadRootId: Uuid | null;
  alsoToConversation: boolean;
  /** Set on a root with live replies. */
  thread: ThreadSummary | null;
  /** Members the server found mentioned by name; {@code roomMentioned}: the whole room (@room, @here). */
  mentionedUserIds: Uuid[];
  roomMentioned: boolean;
}

/** Whether a message mentions this user: by name, or as one of the room (never their own @room). */
export function mentions(message: Pick<Message, 'senderId' | 'mentionedUserIds' | 'roomMentioned'>, userId: Uuid) {
  return message.senderId !== userId && (message.mentionedUserIds.includes(userId) || message.roomMentioned);
}

/** A join or leave, shown as a line of its own between the messages; never a message, so never unread. */
export interface SystemLine {
  seq: number;
  kind: 'joined' | 'left';
  /** Who did it: the member themself, or an admin who added or removed them. */
  actorId: Uuid;
  userId: Uuid;
  at: string;
}

export type SendState = 'sending' | 'sent' | 'failed';

/** A message of ours not yet in the timeline: shown at the end until its event arrives. */
export interface PendingMessage {
  clientId: string;
  conversationId: Uuid;
  body: string;
  replyTo: number | null;
  attachments: AttachmentRef[];
  /** A reply in the thread under this root (shown in the thread view), also in the conversation when asked. */
  threadRootId?: Uuid;
  alsoToConversation?: boolean;
  state: SendState;
  error?: string;
  /** Failed for want of an answer, not refused: sent again by itself after the next reconnect. */
  resendOnReconnect?: boolean;
  createdAt: string;
  ackSeq?: number;
}

export type Applied = 'applied' | 'duplicate' | 'gap';

/**
 * One conversation's messages, kept in seq order. Timeline events apply strictly in seq order: an event at or below
 * the last applied seq is a duplicate and dropped, one beyond the next is held until the gap is filled from history.
 */
export class Timeline {
  /** Joins and leaves, in seq order: live ones as they apply, older ones as history pages in (addSystemLines). */
  systemLines: SystemLine[] = [];
  /** Every timeline event up to here is applied. */
  lastSeq = 0;
  /** Ask history for messages before this seq to go further back; null when the beginning is loaded. */
  nextBefore: number | null = null;
  loaded = false;
  version = 0;
  private readonly ahead = new Map<number, TimelineEvent>();
  private readonly bySeq = new Map<number, Message>();
  /** Thread replies by root id, oldest first: from the thread's page and from live events. */
  private readonly threadReplies = new Map<Uuid, Message[]>();
  private readonly seqOf = new Map<Uuid, number>();
  /** The messages in seq order as last read, the newer ones put since (in seq order), and whether a sort is due. */
  private ordered: Message[] = [];
  private appended: Message[] = [];
  private unordered = false;
  private readonly linesBySeq = new Map<number, SystemLine>();

  constructor(readonly conversationId: Uuid, private readonly onMessage: (m: Message, e: TimelineEvent) => void = () => {}) {}

  /**
   * The newest page: where live events continue from. That is the page's lastSeq, not its newest message: a thread
   * reply or a reaction after that message is counted in the page already and must not be applied again.
   */
  loadNewest(page: MessagePage) {
    page.messages.forEach(m => this.put(fromView(m)));
    this.nextBefore = page.nextBefore;
    const newest = page.messages.reduce((max, m) => Math.max(max, m.seq), page.lastSeq);
    this.lastSeq = Math.max(this.lastSeq, newest);
    this.loaded = true;
    this.drain();
    this.rebuild();
  }

  /** An older page, from scrolling up. */
  loadOlder(page: MessagePage) {
    page.messages.forEach(m => { if (!this.bySeq.has(m.seq)) this.put(fromView(m)); });
    this.nextBefore = page.nextBefore;
    this.rebuild();
  }

  /**
   * A thread's page: its replies, merged with those live events brought (by seq), and the root's summary. Events of
   * the thread arriving later are applied by apply, so the page is loaded once.
   */
  loadThread(page: ThreadPage) {
    const rootId = page.root.messageId;
    const bySeq = new Map((this.threadReplies.get(rootId) ?? []).map(m => [m.seq, m]));
    page.replies.forEach(view => { if (!bySeq.has(view.seq)) bySeq.set(view.seq, fromView(view)); });
    this.threadReplies.set(rootId, [...bySeq.values()].sort((a, b) => a.seq - b.seq));
    const root = this.find(rootId);
    if (root && page.root.seq > 0) {
      // The page is as new as the events applied so far or newer: its count wins unless events went past it.
      const loadedCount = this.threadReplies.get(rootId)!.filter(m => !m.deleted).length;
      const summary = page.root.thread ?? null;
      this.replace({ ...root, thread: summary && loadedCount > summary.replyCount ? root.thread : summary });
    }
    this.rebuild();
  }

  /** The replies loaded for the thread under rootId, oldest first. */
  repliesOf(rootId: Uuid): readonly Message[] {
    return this.threadReplies.get(rootId) ?? NO_REPLIES;
  }

  /** Applies an event, and any held ones it makes contiguous. */
  apply(event: TimelineEvent): Applied {
    if (event.seq <= this.lastSeq) return 'duplicate';
    if (!this.loaded || event.seq > this.lastSeq + 1) {
      this.ahead.set(event.seq, event);
      return 'gap';
    }
    this.applyInOrder(event);
    this.drain();
    this.rebuild();
    return 'applied';
  }

  /** Applies held events that are now next in line, and forgets those already covered. */
  private drain() {
    [...this.ahead.keys()].filter(seq => seq <= this.lastSeq).forEach(seq => this.ahead.delete(seq));
    for (let next = this.ahead.get(this.lastSeq + 1); next; next = this.ahead.get(this.lastSeq + 1)) {
      this.ahead.delete(next.seq);
      this.applyInOrder(next);
    }
  }

  /** Whether events past the last applied one are waiting for a gap to be filled. */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /**
   * Joins and leaves read back from history's events (the message pages hold only messages). Kept by seq, so a line
   * also applied live is not doubled; other events are ignored, and lastSeq is not moved: live order stays intact.
   */
  addSystemLines(events: readonly TimelineEvent[]) {
    const before = this.linesBySeq.size;
    events.forEach(event => this.putLine(event));
    if (this.linesBySeq.size !== before) this.rebuild();
  }

  /** A message of the conversation's list, or a loaded thread reply, by seq. */
  message(seq: number): Message | undefined {
    const listed = this.bySeq.get(seq);
    if (listed) return listed;
    for (const replies of this.threadReplies.values()) {
      const reply = replies.find(m => m.seq === seq);
      if (reply) return reply;
    }
    return undefined;
  }

  /**
   * The messages in seq order: a fresh array after each change, never changed in place. Built when read, so a page
   * of events costs one sort (and a live message at the end a copy, no sort) rather than a sort per event.
   */
  get messages(): Message[] {
    if (this.unordered) {
      this.ordered = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
      this.unordered = false;
      this.appended = [];
    } else if (this.appended.length > 0) {
      this.ordered = this.ordered.concat(this.appended);
      this.appended = [];
    }
    return this.ordered;
  }

  private applyInOrder(event: TimelineEvent) {
    this.lastSeq = event.seq;
    switch (event.type) {
      case 'message.created': {
        const message: Message = {
          seq: event.seq, messageId: event.messageId!, senderId: event.actorId, body: event.body ?? null,
          format: event.format ?? 'markdown', attachments: event.attachments ?? [], replyTo: event.replyTo ?? null,
          sentAt: event.occurredAt, editedAt: null, deleted: event.body == null, reactions: [],
          threadRootId: event.threadRootId ?? null, alsoToConversation: event.alsoToConversation ?? false,
          thread: null,
          mentionedUserIds: event.mentionedUserIds ?? [], roomMentioned: event.roomMentioned ?? false,
        };
        if (message.threadRootId) this.addReply(message);
        if (!message.threadRootId || message.alsoToConversation) this.put(message);
        this.onMessage(message, event);
        break;
      }
      case 'message.edited': {
        const target = this.find(event.messageId!);
        // An edit names whom the new body mentions (an older edit names nobody: the mentions stay as they were).
        if (target) this.replace({ ...target, body: event.body ?? null, editedAt: event.occurredAt,
          ...(event.mentionedUserIds ? { mentionedUserIds: event.mentionedUserIds,
            roomMentioned: event.roomMentioned ?? false } : {}) });
        break;
      }
      case 'message.deleted': {
        const target = this.find(event.messageId!);
        if (target) {
          this.replace({ ...target, body: null, attachments: [], deleted: true, reactions: [] });
          if (target.threadRootId && !target.deleted) this.countReply(target.threadRootId, -1, null, null);
        }
        break;
      }
      case 'reaction.added':
      case 'reaction.removed': {
        const target = this.find(event.messageId!);
        if (!target || target.deleted || !event.emoji) break;
        const reactions = event.type === 'reaction.added'
          ? withReaction(target.reactions, event.emoji, event.actorId)
          : withoutReaction(target.reactions, event.emoji, event.actorId);
        if (reactions !== target.reactions) this.replace({ ...target, reactions });
        break;
      }
      case 'member.joined':
      case 'member.left':
        this.putLine(event);
        break;
      default:
        break;
    }
  }

  private putLine(event: TimelineEvent) {
    const line = systemLineOf(event);
    if (line && !this.linesBySeq.has(line.seq)) this.linesBySeq.set(line.seq, line);
  }

  private find(messageId: Uuid): Message | undefined {
    const seq = this.seqOf.get(messageId);
    const listed = seq === undefined ? undefined : this.bySeq.get(seq);
    if (listed) return listed;
    for (const replies of this.threadReplies.values()) {
      const reply = replies.find(m => m.messageId === messageId);
      if (reply) return reply;
    }
    return undefined;
  }

  private put(message: Message) {
    const newest = this.appended.at(-1) ?? this.ordered.at(-1);
    const fresh = !this.bySeq.has(message.seq);
    this.bySeq.set(message.seq, message);
    this.seqOf.set(message.messageId, message.seq);
    if (!this.unordered && fresh && (!newest || message.seq > newest.seq)) this.appended.push(message);
    else this.unordered = true;
  }

  /** A new reply in its thread (a copy arriving twice, from the page and an event, is kept once). */
  private addReply(reply: Message) {
    const replies = this.threadReplies.get(reply.threadRootId!) ?? [];
    if (replies.some(m => m.seq === reply.seq)) return;
    this.threadReplies.set(reply.threadRootId!, [...replies, reply].sort((a, b) => a.seq - b.seq));
    this.countReply(reply.threadRootId!, 1, reply.sentAt, reply.senderId);
  }

  /** The root's summary after a reply came (+1, with its time and sender) or went (-1). */
  private countReply(rootId: Uuid, change: number, at: string | null, senderId: Uuid | null) {
    const root = this.find(rootId);
    if (!root) return;
    const before = root.thread ?? { replyCount: 0, lastReplyAt: at ?? root.sentAt, participantIds: [] };
    const replyCount = Math.max(0, before.replyCount + change);
    const participantIds = senderId && !before.participantIds.includes(senderId)
      ? [...before.participantIds, senderId] : before.participantIds;
    this.replace({
      ...root,
      thread: replyCount === 0 ? null : { replyCount, lastReplyAt: at ?? before.lastReplyAt, participantIds },
    });
  }

  private replace(message: Message) {
    if (message.threadRootId) {
      const replies = this.threadReplies.get(message.threadRootId);
      if (replies) this.threadReplies.set(message.threadRootId, replies.map(m => (m.seq === message.seq ? message : m)));
      if (!message.alsoToConversation) return;
    }
    this.bySeq.set(message.seq, message);
    const pending = this.appended.findIndex(m => m.seq === message.seq);
    if (pending >= 0) {
      this.appended[pending] = message;
      return;
    }
    if (this.unordered) return;
    const at = indexOfSeq(this.ordered, message.seq);
    if (at < 0) return;
    this.ordered = this.ordered.slice();
    this.ordered[at] = message;
  }

  /** A change is made: the next read of messages is a new array. */
  private rebuild() {
    if (this.systemLines.length !== this.linesBySeq.size) {
      this.systemLines = [...this.linesBySeq.values()].sort((a, b) => a.seq - b.seq);
    }
    this.version++;
  }
}

/** Where the message with this seq is in a seq-ordered array (binary search); -1 if it is not there. */
function indexOfSeq(messages: readonly Message[], seq: number): number {
  let low = 0;
  let high = messages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = messages[middle].seq;
    if (found === seq) return middle;
    if (found < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

function systemLineOf(event: TimelineEvent): SystemLine | null {
  if ((event.type !== 'member.joined' && event.type !== 'member.left') || !event.userId) return null;
  return { seq: event.seq, kind: event.type === 'member.joined' ? 'joined' : 'left', actorId: event.actorId,
    userId: event.userId, at: event.occurredAt };
}

/** What a system line says: "Alice joined", "Bob left", or with an admin acting "Carol added Dave". */
export function describeSystemLine(line: SystemLine, nameOf: (id: Uuid) => string): string {
  const user = nameOf(line.userId);
  if (line.actorId === line.userId) return `${user} ${line.kind === 'joined' ? 'joined' : 'left'}`;
  return `${nameOf(line.actorId)} ${line.kind === 'joined' ? 'added' : 'removed'} ${user}`;
}

export type TimelineEntry = { kind: 'message'; message: Message } | { kind: 'system'; line: SystemLine };

/**
 * Messages and system lines in one seq order, for the list. Lines older than the oldest loaded message wait until
 * that part of the history is loaded, so they never sit above a gap.
 */
export function mergeTimeline(messages: readonly Message[], lines: readonly SystemLine[],
                              complete: boolean): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const from = complete || messages.length === 0 ? -Infinity : messages[0].seq;
  let i = 0;
  for (const line of lines) {
    if (line.seq < from) continue;
    while (i < messages.length && messages[i].seq < line.seq) out.push({ kind: 'message', message: messages[i++] });
    out.push({ kind: 'system', line });
  }
  while (i < messages.length) out.push({ kind: 'message', message: messages[i++] });
  return out;
}

function fromView(view: MessageView): Message {
  return {
    seq: view.seq, messageId: view.messageId, senderId: view.senderId, body: view.body, format: view.format,
    attachments: view.attachments ?? [], replyTo: view.replyTo, sentAt: view.sentAt, editedAt: view.editedAt,
    deleted: view.deleted, reactions: reactionsFromViews(view.reactions), threadRootId: view.threadRootId ?? null,
    alsoToConversation: view.alsoToConversation ?? false, thread: view.thread ?? null,
    mentionedUserIds: view.mentionedUserIds ?? [], roomMentioned: view.roomMentioned ?? false,
  };
}

const NO_REPLIES: readonly Message[] = [];

/**
 * The first message a reader whose cursor is at readSeq has not read: the first live message from someone else
 * after it (history-service counts unread the same way); undefined when none of those is loaded.
 */
export function firstUnread(messages: readonly Message[], readSeq: number, me: Uuid): Message | undefined {
  return messages.find(m => m.seq > readSeq && m.senderId !== me && !m.deleted);
}

/** How many loaded messages a reader whose cursor is at readSeq has not read (the same rule as firstUnread). */
export function unreadAfter(messages: readonly Message[], readSeq: number, me: Uuid): number {
  return messages.filter(m => m.seq > readSeq && m.senderId !== me && !m.deleted).length;
}
