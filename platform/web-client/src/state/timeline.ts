import type { AttachmentRef, MessagePage, MessageView, TimelineEvent, Uuid } from '../api/types';
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
  messages: Message[] = [];
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
  private readonly linesBySeq = new Map<number, SystemLine>();

  constructor(readonly conversationId: Uuid, private readonly onMessage: (m: Message, e: TimelineEvent) => void = () => {}) {}

  /** The newest page: where live events continue from. */
  loadNewest(page: MessagePage) {
    page.messages.forEach(m => this.put(fromView(m)));
    this.nextBefore = page.nextBefore;
    const newest = page.messages.reduce((max, m) => Math.max(max, m.seq), 0);
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

  message(seq: number): Message | undefined {
    return this.bySeq.get(seq);
  }

  private applyInOrder(event: TimelineEvent) {
    this.lastSeq = event.seq;
    switch (event.type) {
      case 'message.created': {
        const message: Message = {
          seq: event.seq, messageId: event.messageId!, senderId: event.actorId, body: event.body ?? null,
          format: event.format ?? 'markdown', attachments: event.attachments ?? [], replyTo: event.replyTo ?? null,
          sentAt: event.occurredAt, editedAt: null, deleted: event.body == null, reactions: [],
        };
        this.put(message);
        this.onMessage(message, event);
        break;
      }
      case 'message.edited': {
        const target = this.find(event.messageId!);
        if (target) this.replace({ ...target, body: event.body ?? null, editedAt: event.occurredAt });
        break;
      }
      case 'message.deleted': {
        const target = this.find(event.messageId!);
        if (target) this.replace({ ...target, body: null, attachments: [], deleted: true, reactions: [] });
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
    // Edits are usually of recent messages: look from the end.
    for (let i = this.messages.length - 1; i >= 0; i--) {
      if (this.messages[i].messageId === messageId) return this.messages[i];
    }
    for (const m of this.bySeq.values()) if (m.messageId === messageId) return m;
    return undefined;
  }

  private put(message: Message) {
    this.bySeq.set(message.seq, message);
  }

  private replace(message: Message) {
    this.bySeq.set(message.seq, message);
    const index = this.messages.findIndex(m => m.seq === message.seq);
    if (index >= 0) this.messages[index] = message;
  }

  private rebuild() {
    this.messages = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    if (this.systemLines.length !== this.linesBySeq.size) {
      this.systemLines = [...this.linesBySeq.values()].sort((a, b) => a.seq - b.seq);
    }
    this.version++;
  }
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
    deleted: view.deleted, reactions: reactionsFromViews(view.reactions),
  };
}

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
