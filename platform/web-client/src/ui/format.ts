const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const short = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** Bounds each cache of per-timestamp results: past this many timestamps it starts again (a 2,000-message scroll-back fits). */
const TIMESTAMPS_KEPT = 10_000;

/**
 * A function of a timestamp computed once per timestamp: the message list re-renders its rows many times a second in
 * a busy conversation, and parsing and formatting each row's dates each time was a good part of every frame.
 */
function oncePerTimestamp<T>(compute: (iso: string) => T): (iso: string) => T {
  const results = new Map<string, T>();
  return iso => {
    let result = results.get(iso);
    if (result === undefined) {
      result = compute(iso);
      if (results.size >= TIMESTAMPS_KEPT) results.clear();
      results.set(iso, result);
    }
    return result;
  };
}

export const formatTime = oncePerTimestamp(iso => (iso ? time.format(new Date(iso)) : ''));
export const formatFull = oncePerTimestamp(iso => (iso ? full.format(new Date(iso)) : ''));

export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** When a timestamp is, as the message list groups by it: its milliseconds and its local day. */
export interface When { ms: number; day: string }

/** The milliseconds and day key of a timestamp, as the message list groups every row by them on every change. */
export const whenOf = oncePerTimestamp((iso: string): When => ({ ms: new Date(iso).getTime(), day: dayKey(iso) }));

export function formatDay(iso: string): string {
  const date = new Date(iso);
  const today = new Date();
  const yesterday = new Date(Date.now() - 86_400_000);
  if (dayKey(iso) === dayKey(today.toISOString())) return 'Today';
  if (dayKey(iso) === dayKey(yesterday.toISOString())) return 'Yesterday';
  return day.format(date);
}

/** For the conversation list: the time today, else the date. */
export function formatWhen(iso: string): string {
  if (!iso) return '';
  return dayKey(iso) === dayKey(new Date().toISOString()) ? formatTime(iso) : short.format(new Date(iso));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [name.trim()];
  return letters.map(p => Array.from(p)[0] ?? '').join('').toUpperCase().slice(0, 2) || '?';
}

/** A stable hue per id, for avatars. */
export function hueOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % 360;
}

/** "1 member", "3 members": a count with its noun, singular for one. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
