import { describe, expect, it } from 'vitest';
import { countOf } from './format';

describe('countOf', () => {
  it('says one in the singular and any other count in the plural', () => {
    expect(countOf(1, 'member')).toBe('1 member');
    expect(countOf(0, 'member')).toBe('0 members');
    expect(countOf(12, 'member')).toBe('12 members');
  });
});
