import { describe, expect, it, vi } from 'vitest';
import type { TimelineEvent } from '../api/types';
import { describeSystemLine, firstUnread, mergeTimeline, Timeline, unreadAfter } from './timeline';

const C = 'c1';
const created = (seq: number, body = `m${seq}`, clientId?: string): TimelineEvent => ({
  type: 'message.created', v: 1, conversationId: C, seq, occurredAt: '2026-01-01T10:00:00Z', actorId: 'u1',
  messageId: `id${seq}`, clientId, body, format: 'markdown', attachments: [], replyTo: null,
});

function loaded(lastSeq: number): Timeline {
  const t = new Timeline(C);
  t.loadNewest({
    conversationId: C, nextBefore: null, lastSeq,
    messages: Array.from({ length: lastSeq }, (_, i) => ({
      seq: i + 1, messageId: `id${i + 1}`, senderId: 'u1', senderName: 'A', body: `m${i + 1}`, format: 'markdown',
      attachments: [], replyTo: null, sentAt: '2026-01-01T10:00:00Z', editedAt: null, deleted: false,
    })),
  });
  return t;
}

describe('a conversation timeline', () => {
  it('keeps the lower-case format of a message, markdown when the event names none', () => {
    const t = loaded(2);
    t.apply({ ...created(3), format: 'plain' });
    t.apply({ ...created(4), format: undefined });
    expect(t.messages.slice(2).map(m => m.format)).toEqual(['plain', 'markdown']);
  });

  it('an edit replaces whom the message mentions; an older edit that names nobody keeps them', () => {
    const t = loaded(1);
    const edited = (seq: number, extra: Partial<TimelineEvent>): TimelineEvent => ({
      type: 'message.edited', v: 1, conversationId: C, seq, occurredAt: '2026-01-01T10:01:00Z', actorId: 'u1',
      messageId: 'id1', body: 'edited', ...extra,
    });
    t.apply(edited(2, { mentionedUserIds: ['me'], roomMentioned: false }));
    expect(t.messages[0].mentionedUserIds).toEqual(['me']);
    t.apply(edited(3, {}));
    expect(t.messages[0].mentionedUserIds).toEqual(['me']);
    t.apply(edited(4, { mentionedUserIds: [], roomMentioned: true }));
    expect(t.messages[0].mentionedUserIds).toEqual([]);
    expect(t.messages[0].roomMentioned).toBe(true);
  });

  it('applies events in seq order and drops duplicates', () => {
    const t = loaded(2);
    expect(t.apply(created(3))).toBe('applied');
    expect(t.apply(created(3))).toBe('duplicate');
    expect(t.apply(created(1))).toBe('duplicate');
    expect(t.messages.map(m => m.seq)).toEqual([1, 2, 3]);
  });

  it('holds events beyond a gap until the gap is filled, then applies each once', () => {
    const t = loaded(1);
    expect(t.apply(created(4))).toBe('gap');
    expect(t.apply(created(3))).toBe('gap');
    expect(t.hasGap).toBe(true);
    expect(t.messages.map(m => m.seq)).toEqual([1]);
    expect(t.apply(created(2))).toBe('applied');
    expect(t.hasGap).toBe(false);
    expect(t.lastSeq).toBe(4);
    expect(t.messages.map(m => m.body)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('holds live events that arrive before the first page', () => {
    const t = new Timeline(C);
    expect(t.apply(created(3))).toBe('gap');
    t.loadNewest({ conversationId: C, nextBefore: null, lastSeq: 0, messages: [] });
    [1, 2].forEach(seq => t.apply({ ...created(seq), type: seq === 1 ? 'conversation.created' : 'member.joined' }));
    expect(t.lastSeq).toBe(3);
    expect(t.messages.map(m => m.seq)).toEqual([3]);
  });

  it('drops held events that the first page already covers and applies the rest', () => {
    const t = new Timeline(C);
    t.apply(created(2));
    t.apply(created(3));
    t.loadNewest({ conversationId: C, nextBefore: null, lastSeq: 2, messages: [1, 2].map(seq => ({
      seq, messageId: `id${seq}`, senderId: 'u', senderName: null, body: `m${seq}`, format: 'plain', attachments: [],
      replyTo: null, sentAt: '', editedAt: null, deleted: false })) });
    expect(t.lastSeq).toBe(3);
    expect(t.hasGap).toBe(false);
    expect(t.messages.map(m => m.seq)).toEqual([1, 2, 3]);
  });

  it('edits and deletes by message id', () => {
    const t = loaded(2);
    t.apply({ type: 'message.edited', v: 1, conversationId: C, seq: 3, occurredAt: '2026-01-01T11:00:00Z',
      actorId: 'u1', messageId: 'id1', body: 'changed' });
    t.apply({ type: 'message.deleted', v: 1, conversationId: C, seq: 4, occurredAt: '2026-01-01T11:00:00Z',
      actorId: 'u1', messageId: 'id2' });
    expect(t.message(1)?.body).toBe('changed');
    expect(t.message(1)?.editedAt).toBe('2026-01-01T11:00:00Z');
    expect(t.message(2)?.deleted).toBe(true);
    expect(t.message(2)?.body).toBeNull();
  });

  it('merges older pages without duplicating', () => {
    const t = new Timeline(C);
    t.loadNewest({ conversationId: C, nextBefore: 3, lastSeq: 3, messages: [
      { seq: 3, messageId: 'id3', senderId: 'u', senderName: null, body: 'c', format: 'plain', attachments: [],
        replyTo: null, sentAt: '', editedAt: null, deleted: false }] });
    t.loadOlder({ conversationId: C, nextBefore: null, lastSeq: 3, messages: [1, 2, 3].map(seq => (
      { seq, messageId: `id${seq}`, senderId: 'u', senderName: null, body: 'x', format: 'plain', attachments: [],
        replyTo: null, sentAt: '', editedAt: null, deleted: false })) });
    expect(t.messages.map(m => m.seq)).toEqual([1, 2, 3]);
    expect(t.message(3)?.body).toBe('c');
    expect(t.nextBefore).toBeNull();
  });
});

describe('the first unread message', () => {
  it('is the first live message from someone else after my cursor, counted the way history-service counts', () => {
    const t = loaded(6);
    t.messages[2] = { ...t.messages[2], senderId: 'me' };
    t.messages[3] = { ...t.messages[3], deleted: true, body: null };

    expect(firstUnread(t.messages, 2, 'me')?.seq).toBe(5);
    expect(unreadAfter(t.messages, 2, 'me')).toBe(2);
    expect(firstUnread(t.messages, 6, 'me')).toBeUndefined();
    expect(unreadAfter(t.messages, 6, 'me')).toBe(0);
  });
});

describe('a busy timeline', () => {
  it('takes live messages at the end without sorting, and a page of catch-up events with one sort at most', () => {
    const t = loaded(2000);
    const sort = vi.spyOn(Array.prototype, 'sort');
    try {
      for (let seq = 2001; seq <= 2020; seq++) {
        t.apply(created(seq));
        expect(t.messages.at(-1)?.seq).toBe(seq);
      }
      expect(sort).not.toHaveBeenCalled();

      for (let seq = 2022; seq <= 2500; seq++) t.apply(created(seq));
      t.apply(created(2021));
      for (let seq = 2501; seq <= 2600; seq++) t.apply({ ...created(seq), type: 'message.edited', messageId: `id${seq - 500}`, body: 'edited' });
      expect(t.messages.map(m => m.seq)).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
      expect(sort.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      sort.mockRestore();
    }
  });

  it('replaces a changed message in a new array, leaving the array read before as it was', () => {
    const t = loaded(3);
    const before = t.messages;
    t.apply({ ...created(4), type: 'message.edited', messageId: 'id2', body: 'edited' });

    expect(before.map(m => m.body)).toEqual(['m1', 'm2', 'm3']);
    expect(t.messages.map(m => m.body)).toEqual(['m1', 'edited', 'm3']);
    expect(t.message(2)?.body).toBe('edited');
  });
});

describe('joins and leaves in a timeline', () => {
  const member = (type: 'member.joined' | 'member.left', seq: number, userId: string, actorId = userId): TimelineEvent => ({
    type, v: 1, conversationId: C, seq, occurredAt: '2026-01-01T10:00:00Z', actorId, userId, role: 'member',
  });
  const names = (id: string) => ({ u1: 'Alice', u2: 'Bob', u3: 'Carol' } as Record<string, string>)[id] ?? id;

  it('become system lines when they arrive live, between the messages, and are not unread messages', () => {
    const t = loaded(2);
    t.apply(member('member.joined', 3, 'u2'));
    t.apply({ ...created(4), actorId: 'u2' });
    expect(t.systemLines.map(l => [l.seq, l.kind, l.userId])).toEqual([[3, 'joined', 'u2']]);
    expect(t.messages.map(m => m.seq)).toEqual([1, 2, 4]);
    expect(unreadAfter(t.messages, 2, 'u1')).toBe(1);
    expect(mergeTimeline(t.messages, t.systemLines, true).map(e => e.kind === 'system' ? `s${e.line.seq}` : e.message.seq))
      .toEqual([1, 2, 's3', 4]);
  });

  it('come back from history events after a reload, once each, and do not move the live position', () => {
    const t = loaded(4);
    t.addSystemLines([created(1), member('member.joined', 2, 'u2'), member('member.left', 3, 'u2', 'u3')]);
    t.addSystemLines([member('member.joined', 2, 'u2')]);
    expect(t.lastSeq).toBe(4);
    expect(t.systemLines.map(l => describeSystemLine(l, names))).toEqual(['Bob joined', 'Carol removed Bob']);
    expect(t.apply(created(5))).toBe('applied');
  });

  it('say who added or removed whom', () => {
    const line = (kind: 'joined' | 'left', actorId: string) => ({ seq: 1, kind, actorId, userId: 'u2', at: '' });
    expect(describeSystemLine(line('joined', 'u2'), names)).toBe('Bob joined');
    expect(describeSystemLine(line('left', 'u2'), names)).toBe('Bob left');
    expect(describeSystemLine(line('joined', 'u3'), names)).toBe('Carol added Bob');
    expect(describeSystemLine(line('left', 'u3'), names)).toBe('Carol removed Bob');
  });

  it('wait above the oldest loaded message until that part of the history is loaded', () => {
    const t = loaded(12);
    t.addSystemLines([member('member.joined', 5, 'u2'), member('member.joined', 13, 'u3')]);
    const newest = t.messages.filter(m => m.seq >= 11);
    const order = (complete: boolean) =>
      mergeTimeline(newest, t.systemLines, complete).map(e => e.kind === 'system' ? `s${e.line.seq}` : e.message.seq);
    expect(order(false)).toEqual([11, 12, 's13']);
    expect(order(true)).toEqual(['s5', 11, 12, 's13']);
  });
});
