import { describe, expect, it } from 'vitest';
import type { MessageView, TimelineEvent } from '../api/types';
import { Timeline } from './timeline';

const C = 'c1';
const view = (seq: number, extra: Partial<MessageView> = {}): MessageView => ({
  seq, messageId: `id${seq}`, senderId: 'u1', senderName: 'A', body: `m${seq}`, format: 'markdown',
  attachments: [], replyTo: null, sentAt: `2026-01-01T10:00:0${seq}Z`, editedAt: null, deleted: false, ...extra,
});
const reply = (seq: number, actorId: string, alsoToConversation = false): TimelineEvent => ({
  type: 'message.created', v: 1, conversationId: C, seq, occurredAt: `2026-01-01T10:00:0${seq}Z`, actorId,
  messageId: `id${seq}`, body: `r${seq}`, format: 'markdown', attachments: [], replyTo: null,
  threadRootId: 'id1', alsoToConversation,
});

function withRoot(): Timeline {
  const t = new Timeline(C);
  t.loadNewest({ conversationId: C, nextBefore: null, lastSeq: 2, messages: [view(1), view(2)] });
  return t;
}

describe('threads in a timeline', () => {
  it('keeps thread-only replies out of the list and counts them on the root, live', () => {
    const t = withRoot();
    expect(t.apply(reply(3, 'u2'))).toBe('applied');
    expect(t.apply(reply(4, 'u3', true))).toBe('applied');
    expect(t.apply(reply(5, 'u2'))).toBe('applied');
    expect(t.messages.map(m => m.seq)).toEqual([1, 2, 4]);
    expect(t.messages[0].thread).toEqual({
      replyCount: 3, lastReplyAt: '2026-01-01T10:00:05Z', participantIds: ['u2', 'u3'],
    });
    expect(t.repliesOf('id1').map(m => m.body)).toEqual(['r3', 'r4', 'r5']);
    // An ack finds a thread-only reply by its seq.
    expect(t.message(3)?.threadRootId).toBe('id1');
  });

  it('counts a reply the first page already counts once, when its event arrives after the page', () => {
    const t = new Timeline(C);
    // The root's reply (seq 3) is thread-only: the page lists the root alone, but is current up to seq 3.
    t.loadNewest({ conversationId: C, nextBefore: null, lastSeq: 3, messages: [
      view(1, { thread: { replyCount: 1, lastReplyAt: '2026-01-01T10:00:03Z', participantIds: ['u2'] } }), view(2)] });
    expect(t.apply(reply(3, 'u2'))).toBe('duplicate');
    expect(t.apply(reply(4, 'u3'))).toBe('applied');
    expect(t.messages[0].thread?.replyCount).toBe(2);
  });

  it('merges the thread page with live replies once and takes the root summary from the page', () => {
    const t = withRoot();
    t.apply(reply(3, 'u2'));
    t.loadThread({
      conversationId: C, nextAfter: null, following: true,
      root: view(1, { thread: { replyCount: 2, lastReplyAt: '2026-01-01T10:00:04Z', participantIds: ['u2', 'u3'] } }),
      replies: [view(3, { senderId: 'u2', threadRootId: 'id1' }), view(4, { senderId: 'u3', threadRootId: 'id1' })],
    });
    expect(t.repliesOf('id1').map(m => m.seq)).toEqual([3, 4]);
    expect(t.messages[0].thread?.replyCount).toBe(2);
    // The event of a reply the page already had changes nothing.
    t.apply(reply(4, 'u3'));
    expect(t.messages[0].thread?.replyCount).toBe(2);
    t.apply(reply(5, 'u4'));
    expect(t.messages[0].thread?.participantIds).toEqual(['u2', 'u3', 'u4']);
  });

  it('a deleted reply leaves the count and stays in the thread as deleted', () => {
    const t = withRoot();
    t.apply(reply(3, 'u2'));
    t.apply({ type: 'message.deleted', v: 1, conversationId: C, seq: 4, occurredAt: '2026-01-01T10:00:04Z',
      actorId: 'u2', messageId: 'id3' });
    expect(t.messages[0].thread).toBeNull();
    expect(t.repliesOf('id1')[0].deleted).toBe(true);
  });
});
