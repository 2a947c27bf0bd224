import { describe, expect, it } from 'vitest';
import type { ConversationNotifications, DoNotDisturb } from '../api/types';
import { doNotDisturbAt, mutedAt, shouldNotify, untilAfter } from './notifications';

const NOW = Date.parse('2026-11-28T10:00:00Z');
const later = '2026-11-28T11:00:00Z';
const earlier = '2026-11-28T09:00:00Z';
const all: ConversationNotifications = { mode: 'all', muted: false, mutedUntil: null };
const mentionsOnly: ConversationNotifications = { mode: 'mentions', muted: false, mutedUntil: null };
const mutedForEver: ConversationNotifications = { mode: 'all', muted: true, mutedUntil: null };
const mutedAnHour: ConversationNotifications = { mode: 'all', muted: true, mutedUntil: later };
const dndForEver: DoNotDisturb = { on: true, until: null };

describe('shouldNotify: the one rule for sounds and browser notifications', () => {
  it('notifies for every message by default, and when nothing is known yet', () => {
    expect(shouldNotify(all, undefined, false, NOW)).toBe(true);
    expect(shouldNotify(undefined, undefined, false, NOW)).toBe(true);
  });

  it('a muted conversation is silent except for a mention of me', () => {
    expect(shouldNotify(mutedForEver, undefined, false, NOW)).toBe(false);
    expect(shouldNotify(mutedForEver, undefined, true, NOW)).toBe(true);
    expect(shouldNotify(mutedAnHour, undefined, false, NOW)).toBe(false);
  });

  it('"mentions only" notifies only for mentions', () => {
    expect(shouldNotify(mentionsOnly, undefined, false, NOW)).toBe(false);
    expect(shouldNotify(mentionsOnly, undefined, true, NOW)).toBe(true);
  });

  it('do-not-disturb silences everything, mentions included, while it lasts', () => {
    expect(shouldNotify(all, dndForEver, true, NOW)).toBe(false);
    expect(shouldNotify(all, { on: true, until: later }, true, NOW)).toBe(false);
    expect(shouldNotify(all, { on: true, until: earlier }, false, NOW)).toBe(true);
    expect(shouldNotify(all, { on: false, until: null }, false, NOW)).toBe(true);
  });

  it('a mute ends at the time given, to the millisecond', () => {
    const until = Date.parse(later);
    expect(mutedAt(mutedAnHour, until - 1)).toBe(true);
    expect(mutedAt(mutedAnHour, until)).toBe(false);
    expect(shouldNotify(mutedAnHour, undefined, false, until)).toBe(true);
    expect(doNotDisturbAt({ on: true, until: later }, until)).toBe(false);
    expect(mutedAt({ mode: 'all', muted: true, mutedUntil: earlier }, NOW)).toBe(false);
  });

  it('a duration from now is an ISO time, none for ever', () => {
    expect(untilAfter(60, NOW)).toBe('2026-11-28T11:00:00.000Z');
    expect(untilAfter(null, NOW)).toBeNull();
  });
});
