import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../api/types';
import { hasReacted, withoutReaction, withReaction } from './reactions';
import { Timeline } from './timeline';

const C = 'c1';
const at = '2026-01-01T10:00:00Z';
const reaction = (seq: number, type: 'reaction.added' | 'reaction.removed', actorId: string, emoji: string,
                  messageId = 'id1'): TimelineEvent => ({
  type, v: 1, conversationId: C, seq, occurredAt: at, actorId, messageId, emoji,
});

function loaded(): Timeline {
  const t = new Timeline(C);
  t.loadNewest({
    conversationId: C, nextBefore: null, lastSeq: 2,
    messages: [
      { seq: 1, messageId: 'id1', senderId: 'u1', senderName: 'A', body: 'one', format: 'markdown', attachments: [],
        replyTo: null, sentAt: at, editedAt: null, deleted: false,
        reactions: [{ emoji: '👍', count: 2, userIds: ['u2', 'u3'] }] },
      { seq: 2, messageId: 'id2', senderId: 'u1', senderName: 'A', body: 'two', format: 'markdown', attachments: [],
        replyTo: null, sentAt: at, editedAt: null, deleted: false },
    ],
  });
  return t;
}

describe('reactions', () => {
  it('adds a person once per emoji, a new emoji as a new chip at the end', () => {
    const start = [{ emoji: '👍', userIds: ['u1'] }];
    expect(withReaction(start, '👍', 'u1')).toBe(start);
    expect(withReaction(start, '👍', 'u2')).toEqual([{ emoji: '👍', userIds: ['u1', 'u2'] }]);
    expect(withReaction(start, '🎉', 'u2')).toEqual([{ emoji: '👍', userIds: ['u1'] }, { emoji: '🎉', userIds: ['u2'] }]);
    expect(start).toEqual([{ emoji: '👍', userIds: ['u1'] }]);
  });

  it('removes a person, the chip when nobody is left, and ignores an absent reaction', () => {
    const start = [{ emoji: '👍', userIds: ['u1', 'u2'] }, { emoji: '🎉', userIds: ['u2'] }];
    expect(withoutReaction(start, '👍', 'u3')).toBe(start);
    expect(withoutReaction(start, '😂', 'u1')).toBe(start);
    expect(withoutReaction(start, '👍', 'u1')).toEqual([{ emoji: '👍', userIds: ['u2'] }, { emoji: '🎉', userIds: ['u2'] }]);
    expect(withoutReaction(start, '🎉', 'u2')).toEqual([{ emoji: '👍', userIds: ['u1', 'u2'] }]);
    expect(hasReacted(start, '🎉', 'u2')).toBe(true);
    expect(hasReacted(start, '🎉', 'u1')).toBe(false);
  });

  it('a timeline starts from history\'s reactions and follows the events in seq order, once each', () => {
    const t = loaded();
    expect(t.message(1)!.reactions).toEqual([{ emoji: '👍', userIds: ['u2', 'u3'] }]);
    expect(t.message(2)!.reactions).toEqual([]);
    const before = t.message(1)!;

    expect(t.apply(reaction(3, 'reaction.added', 'u1', '👍'))).toBe('applied');
    expect(t.apply(reaction(3, 'reaction.added', 'u1', '👍'))).toBe('duplicate');
    t.apply(reaction(4, 'reaction.removed', 'u2', '👍'));
    t.apply(reaction(5, 'reaction.added', 'u2', '❤️', 'id2'));
    expect(t.message(1)!.reactions).toEqual([{ emoji: '👍', userIds: ['u3', 'u1'] }]);
    expect(t.message(2)!.reactions).toEqual([{ emoji: '❤️', userIds: ['u2'] }]);
    // Replaced, not changed in place: a memoised row sees a new message object.
    expect(t.message(1)).not.toBe(before);
    expect(before.reactions).toEqual([{ emoji: '👍', userIds: ['u2', 'u3'] }]);
  });

  it('holds a reaction beyond a gap, and a deleted message loses its reactions', () => {
    const t = loaded();
    expect(t.apply(reaction(4, 'reaction.added', 'u1', '🎉'))).toBe('gap');
    expect(t.message(1)!.reactions).toHaveLength(1);
    t.apply(reaction(3, 'reaction.added', 'u1', '👍'));
    expect(t.message(1)!.reactions).toEqual([{ emoji: '👍', userIds: ['u2', 'u3', 'u1'] }, { emoji: '🎉', userIds: ['u1'] }]);
    t.apply({ type: 'message.deleted', v: 1, conversationId: C, seq: 5, occurredAt: at, actorId: 'u1', messageId: 'id1' });
    expect(t.message(1)!.reactions).toEqual([]);
    t.apply(reaction(6, 'reaction.added', 'u2', '👍'));
    expect(t.message(1)!.reactions).toEqual([]);
    expect(t.lastSeq).toBe(6);
  });
});
