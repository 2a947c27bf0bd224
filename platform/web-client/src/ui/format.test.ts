import { describe, expect, it } from 'vitest';
import { countOf, dayKey, whenOf } from './format';

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
