import type { ReactionView, Uuid } from '../api/types';

/** One emoji on a message and who reacted with it, in the order they came. The count is userIds.length. */
export interface Reaction {
  emoji: string;
  userIds: Uuid[];
}

/** The emoji the picker offers: common ones, each a single grapheme the server accepts (docs/protocol.md). */
export const COMMON_EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'] as const;

/** From history's page: each emoji once, first used first. */
export function reactionsFromViews(views: ReactionView[] | undefined): Reaction[] {
  return (views ?? []).filter(v => v.userIds.length > 0).map(v => ({ emoji: v.emoji, userIds: [...v.userIds] }));
}

/**
 * The reactions after userId reacted with emoji: a new chip goes last, a new person last in the chip. Reacting
 * twice changes nothing (the server keeps one reaction per person and emoji), and the same array comes back.
 */
export function withReaction(reactions: Reaction[], emoji: string, userId: Uuid): Reaction[] {
  const index = reactions.findIndex(r => r.emoji === emoji);
  if (index < 0) return [...reactions, { emoji, userIds: [userId] }];
  if (reactions[index].userIds.includes(userId)) return reactions;
  const next = [...reactions];
  next[index] = { emoji, userIds: [...reactions[index].userIds, userId] };
  return next;
}

/** The reactions after userId took back emoji: a chip nobody is left in disappears; an absent one changes nothing. */
export function withoutReaction(reactions: Reaction[], emoji: string, userId: Uuid): Reaction[] {
  const index = reactions.findIndex(r => r.emoji === emoji);
  if (index < 0 || !reactions[index].userIds.includes(userId)) return reactions;
  const userIds = reactions[index].userIds.filter(id => id !== userId);
  return userIds.length === 0
    ? reactions.filter((_, i) => i !== index)
    : reactions.map((r, i) => (i === index ? { emoji, userIds } : r));
}

export function hasReacted(reactions: Reaction[], emoji: string, userId: Uuid): boolean {
  return reactions.some(r => r.emoji === emoji && r.userIds.includes(userId));
}
