import type { Uuid } from '../api/types';

/**
 * How many people a group direct message holds, the requester included. The rule itself is chat-service's
 * (GroupDirectMembers in platform/contracts), which refuses anything else; these mirror it only so the picker can
 * tell the user before asking.
 */
export const GROUP_DIRECT_MIN_PEOPLE = 3;
export const GROUP_DIRECT_MAX_PEOPLE = 9;

/** The picked people with this one added, or removed if already picked; never more than the others allowed. */
export function togglePicked(picked: readonly Uuid[], userId: Uuid): Uuid[] {
  if (picked.includes(userId)) return picked.filter(id => id !== userId);
  if (picked.length >= GROUP_DIRECT_MAX_PEOPLE - 1) return [...picked];
  return [...picked, userId];
}

/** Whether the picked others and the requester make a group direct message. */
export function canStartGroup(picked: readonly Uuid[]): boolean {
  const people = new Set(picked).size + 1;
  return people >= GROUP_DIRECT_MIN_PEOPLE && people <= GROUP_DIRECT_MAX_PEOPLE;
}

/** A group direct message's title: its other members' names, sorted as history-service sorts them. */
export function groupTitle(names: readonly string[]): string {
  return [...names].sort((a, b) => {
    const byLower = a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
    return byLower || (a < b ? -1 : a > b ? 1 : 0);
  }).join(', ');
}
