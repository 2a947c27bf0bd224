import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPreferences, takeLocalMutes } from './preferences';

function stubStorage(initial: Record<string, string>) {
  const data = { ...initial };
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => data[key] ?? null,
    setItem: (key: string, value: string) => { data[key] = value; },
  });
  return data;
}

describe('preferences kept in this browser', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('hands the mutes kept here before the server kept them over once, and keeps the rest', () => {
    const data = stubStorage({ 'chat.preferences.v1': JSON.stringify({ sound: false, mutedConversations: ['c1', 7, 'c2'] }) });
    expect(takeLocalMutes()).toEqual(['c1', 'c2']);
    expect(takeLocalMutes()).toEqual([]);
    expect(JSON.parse(data['chat.preferences.v1'])).toEqual({ sound: false });
    expect(loadPreferences()).toEqual({ sound: false, desktopNotifications: true });
  });
});
