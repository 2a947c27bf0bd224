import type { MemberView, Uuid } from '../api/types';

/** A username's characters, as the server's mention rule (platform/contracts Mentions) reads them. */
const USERNAME_CHAR = /[A-Za-z0-9_.-]/;
const MAX_SUGGESTIONS = 8;

/** The '@word' being typed just before the caret: where its '@' is and the text typed after it. */
export interface MentionQuery { start: number; query: string }

/** The mention being typed at the caret, if any: an '@' at the start or after a non-username character. */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  let i = caret;
  while (i > 0 && USERNAME_CHAR.test(text[i - 1])) i--;
  if (i === 0 || text[i - 1] !== '@') return null;
  const at = i - 1;
  if (at > 0 && (USERNAME_CHAR.test(text[at - 1]) || text[at - 1] === '@')) return null;
  const query = text.slice(i, caret);
  return query.length <= 32 ? { start: at, query } : null;
}

export interface MentionSuggestion { username: string; label: string; userId: Uuid | null }

/**
 * Members (never me) whose username or display name starts with the query, then the room words where the
 * conversation is a room and I may use them; at most a few.
 */
export function suggestMentions(query: string, members: readonly MemberView[], me: Uuid,
                                roomWords: boolean): MentionSuggestion[] {
  const q = query.toLowerCase();
  const people = members
    .filter(m => m.userId !== me && m.username)
    .filter(m => m.username!.toLowerCase().startsWith(q)
      || (m.displayName ?? '').toLowerCase().split(/\s+/).some(word => word.startsWith(q)))
    .sort((a, b) => a.username!.localeCompare(b.username!))
    .map(m => ({ username: m.username!, label: m.displayName ?? m.username!, userId: m.userId }));
  const words = roomWords
    ? [{ username: 'here', label: 'Everyone in this room', userId: null },
      { username: 'room', label: 'Everyone in this room', userId: null }].filter(w => w.username.startsWith(q))
    : [];
  return [...people, ...words].slice(0, MAX_SUGGESTIONS);
}

/** The text with the mention being typed replaced by the chosen one, and where the caret goes. */
export function completeMention(text: string, caret: number, at: MentionQuery, username: string) {
  const inserted = `@${username} `;
  return { text: text.slice(0, at.start) + inserted + text.slice(caret), caret: at.start + inserted.length };
}
