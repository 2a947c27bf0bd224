import type { ConversationNotifications, DoNotDisturb } from '../api/types';

/**
 * Whether a new message from someone else makes a sound and a browser notification, by the settings the server keeps
 * for me (the same on every device):
 *
 * 1. do-not-disturb (while it lasts) silences everything, mentions included;
 * 2. otherwise a message that mentions me (by name, or as one of the room) always notifies;
 * 3. otherwise a muted conversation (while the mute lasts) is silent, and so is one set to "mentions only";
 * 4. everything else notifies.
 *
 * Muted and "mentions only" notify alike; muted also takes the conversation's unread count out of the tab title and
 * dims it in the list.
 */
export function shouldNotify(settings: ConversationNotifications | undefined, dnd: DoNotDisturb | undefined,
                             mentioned: boolean, now: number): boolean {
  if (dnd && doNotDisturbAt(dnd, now)) return false;
  if (mentioned) return true;
  if (!settings) return true;
  return !mutedAt(settings, now) && settings.mode !== 'mentions';
}

/** Whether the conversation is muted at `now` (ms): for ever without mutedUntil, else until then. */
export function mutedAt(settings: ConversationNotifications | undefined, now: number): boolean {
  return !!settings?.muted && (settings.mutedUntil == null || Date.parse(settings.mutedUntil) > now);
}

export function doNotDisturbAt(dnd: DoNotDisturb | undefined, now: number): boolean {
  return !!dnd?.on && (dnd.until == null || Date.parse(dnd.until) > now);
}

export const DEFAULT_NOTIFICATIONS: ConversationNotifications = { mode: 'all', muted: false, mutedUntil: null };
export const DND_OFF: DoNotDisturb = { on: false, until: null };

/** How long a mute or do-not-disturb lasts, as the menus offer it: minutes, or null for "until I end it". */
export const DURATIONS: { label: string; minutes: number | null }[] = [
  { label: 'For 1 hour', minutes: 60 },
  { label: 'For 8 hours', minutes: 8 * 60 },
  { label: 'For 24 hours', minutes: 24 * 60 },
  { label: 'Until I turn it off', minutes: null },
];

/** The end of a duration from now, as the server takes it (ISO-8601), or null for ever. */
export function untilAfter(minutes: number | null, now: number): string | null {
  return minutes == null ? null : new Date(now + minutes * 60_000).toISOString();
}
