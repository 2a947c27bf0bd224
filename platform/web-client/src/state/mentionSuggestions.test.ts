import { describe, expect, it } from 'vitest';
import type { MemberView } from '../api/types';
import { completeMention, mentionAt, suggestMentions } from './mentionSuggestions';

const member = (userId: string, username: string, displayName: string): MemberView =>
  ({ userId, username, displayName, role: 'member', joinedAt: '2026-11-28T00:00:00Z', readSeq: 0 });
const members = [member('me', 'alice', 'Alice A'), member('b', 'bob', 'Bob Builder'),
  member('c', 'bella', 'Bella Swan'), member('d', 'dave', 'Dave Bowman')];

describe('mention autocomplete', () => {
  it('finds the mention typed at the caret, not an email address or a finished word', () => {
    expect(mentionAt('hi @bo', 6)).toEqual({ start: 3, query: 'bo' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail ann@exa', 12)).toBeNull();
    expect(mentionAt('hi @bob there', 13)).toBeNull();
  });

  it('suggests members by username or display name, never me, and room words only where allowed', () => {
    expect(suggestMentions('b', members, 'me', false).map(s => s.username)).toEqual(['bella', 'bob', 'dave']);
    expect(suggestMentions('al', members, 'me', true).map(s => s.username)).toEqual([]);
    expect(suggestMentions('h', members, 'me', true).map(s => s.username)).toEqual(['here']);
    expect(suggestMentions('h', members, 'me', false)).toEqual([]);
  });

  it('completes the mention with a space after it and puts the caret there', () => {
    const at = mentionAt('hi @bo, ok', 6)!;
    expect(completeMention('hi @bo, ok', 6, at, 'bob')).toEqual({ text: 'hi @bob , ok', caret: 8 });
  });
});
