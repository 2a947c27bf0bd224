/**
 * Unsent text per conversation, remembered in this browser across reloads (per user, so another account signing in
 * here does not see it). Like the preferences, only what the user typed goes to localStorage; tokens never do.
 */
const PREFIX = 'chat.draft.v1.';

const keyOf = (userId: string, conversationId: string) => `${PREFIX}${userId}.${conversationId}`;

export function loadDraft(userId: string, conversationId: string): string {
  try {
    return localStorage.getItem(keyOf(userId, conversationId)) ?? '';
  } catch {
    return '';
  }
}

/** Keeps the text, or forgets the draft when the text is empty (sent or cleared). */
export function saveDraft(userId: string, conversationId: string, text: string) {
  try {
    if (text.trim()) localStorage.setItem(keyOf(userId, conversationId), text);
    else localStorage.removeItem(keyOf(userId, conversationId));
  } catch {
    // Private mode or a full quota: the draft lasts while the page does.
  }
}
