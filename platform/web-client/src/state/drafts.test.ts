import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDraft, saveDraft } from './drafts';

describe('drafts', () => {
  beforeEach(() => {
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => items.set(key, value),
      removeItem: (key: string) => items.delete(key),
    });
  });

  afterEach(() => vi.unstubAllGlobals());

  it('are kept per user and conversation, and forgotten once empty', () => {
    saveDraft('me', 'c1', 'half a thought');
    saveDraft('me', 'c2', 'another');
    expect(loadDraft('me', 'c1')).toBe('half a thought');
    expect(loadDraft('me', 'c2')).toBe('another');
    expect(loadDraft('someone-else', 'c1')).toBe('');

    saveDraft('me', 'c1', '  ');
    expect(loadDraft('me', 'c1')).toBe('');
  });
});
