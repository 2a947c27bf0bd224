import { describe, expect, it } from 'vitest';
import { countOf, dayKey, formatFull, formatTime, whenOf } from './format';

describe('countOf', () => {
  it('says one in the singular and any other count in the plural', () => {
    expect(countOf(1, 'member')).toBe('1 member');
    expect(countOf(0, 'member')).toBe('0 members');
    expect(countOf(12, 'member')).toBe('12 members');
  });
});

describe('whenOf', () => {
  it('gives the milliseconds and local day of a timestamp, the same object when asked again', () => {
    const iso = '2026-11-27T10:00:00Z';
    expect(whenOf(iso)).toEqual({ ms: Date.parse(iso), day: dayKey(iso) });
    expect(whenOf(iso)).toBe(whenOf(iso));
  });
});

describe('formatTime and formatFull', () => {
  it('format each timestamp in the local time, and an absent one as nothing', () => {
    const iso = '2026-11-27T10:05:00Z';
    const at = new Date(iso);
    expect(formatTime(iso)).toBe(at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
    expect(formatTime('2026-11-27T11:05:00Z')).not.toBe(formatTime(iso));
    expect(formatFull(iso)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' }).format(at));
    expect(formatTime('')).toBe('');
  });
});
