import { describe, expect, it } from 'vitest';
import { canStartGroup, GROUP_DIRECT_MAX_PEOPLE, groupTitle, togglePicked } from './groupDirect';

describe('group direct messages', () => {
  it('need two to eight others, the requester making three to nine', () => {
    expect(canStartGroup(['a'])).toBe(false);
    expect(canStartGroup(['a', 'b'])).toBe(true);
    expect(canStartGroup(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])).toBe(true);
    expect(canStartGroup(['a', 'a'])).toBe(false);
  });

  it('pick and unpick people, and stop at the limit', () => {
    let picked: string[] = [];
    picked = togglePicked(picked, 'a');
    picked = togglePicked(picked, 'b');
    expect(picked).toEqual(['a', 'b']);
    expect(togglePicked(picked, 'a')).toEqual(['b']);
    const full = Array.from({ length: GROUP_DIRECT_MAX_PEOPLE - 1 }, (_, i) => `u${i}`);
    expect(togglePicked(full, 'one-more')).toEqual(full);
  });

  it('are titled by the other members names, sorted', () => {
    expect(groupTitle(['carol', 'Bob', 'alice'])).toBe('alice, Bob, carol');
  });
});
