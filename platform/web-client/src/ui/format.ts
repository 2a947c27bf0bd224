const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const short = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

export const formatTime = (iso: string) => (iso ? time.format(new Date(iso)) : '');
export const formatFull = (iso: string) => (iso ? full.format(new Date(iso)) : '');

export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** When a timestamp is, as the message list groups by it: its milliseconds and its local day. */
export interface When { ms: number; day: string }

const whens = new Map<string, When>();
/** Bounds the cache: past this many timestamps it starts again (a 2,000-message scroll-back fits). */
const WHENS_KEPT = 10_000;

/**
 * The milliseconds and day key of a timestamp, parsed once: the message list groups every row by them on every
 * change, and parsing each row's date each time cost several milliseconds a frame in a long conversation.
 */
export function whenOf(iso: string): When {
  let when = whens.get(iso);
  if (!when) {
    const date = new Date(iso);
    when = { ms: date.getTime(), day: dayKey(iso) };
    if (whens.size >= WHENS_KEPT) whens.clear();
    whens.set(iso, when);
  }
  return when;
}

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
