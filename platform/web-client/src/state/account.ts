import type { AccountSession } from '../api/account';
import { ProblemError } from '../api/types';

/**
 * A person-readable name for a session's device from its User-Agent: the browser and the system ("Firefox on
 * Linux"), enough to recognise one's own devices. Order matters: Edge and Opera say "Chrome", Chrome says "Safari".
 */
export function deviceLabel(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = [
    [/Edg(e|A|iOS)?\//, 'Edge'], [/OPR\/|Opera/, 'Opera'], [/Firefox\/|FxiOS\//, 'Firefox'],
    [/Chrom(e|ium)\/|CriOS\//, 'Chrome'], [/Safari\//, 'Safari'],
  ].find(([pattern]) => (pattern as RegExp).test(userAgent))?.[1] as string | undefined;
  const system = [
    [/Android/, 'Android'], [/iPhone|iPad|iPod/, 'iOS'], [/Windows/, 'Windows'], [/Mac OS X|Macintosh/, 'macOS'],
    [/CrOS/, 'ChromeOS'], [/Linux|X11/, 'Linux'],
  ].find(([pattern]) => (pattern as RegExp).test(userAgent))?.[1] as string | undefined;
  if (browser && system) return `${browser} on ${system}`;
  // A program, not a browser (curl, a bot, a client library): show what it calls itself, cut short.
  return browser ?? system ?? userAgent.split(/[\s(]/)[0].slice(0, 40);
}

/** This page's session first, then the others as the server ordered them (most recently used first). */
export function orderSessions(sessions: AccountSession[]): AccountSession[] {
  return [...sessions.filter(s => s.current), ...sessions.filter(s => !s.current)];
}

/** The server's message for one field of a refusal (problem details name the field), or null. */
export function fieldError(error: unknown, field: string): string | null {
  if (!(error instanceof ProblemError)) return null;
  const found = error.fieldErrors.find(e => (e.field ?? e.name) === field);
  return found ? (found.message ?? found.detail ?? 'is refused') : null;
}

export interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  repeated: string;
}

/**
 * What the page checks before sending a new password: only that it was typed the same twice. Every rule of the
 * password itself (length, the common-password list) is the server's, which answers naming the field.
 */
export function passwordFormProblem(form: PasswordForm): { field: keyof PasswordForm; message: string } | null {
  if (!form.currentPassword) return { field: 'currentPassword', message: 'Enter your current password.' };
  if (form.newPassword !== form.repeated) return { field: 'repeated', message: 'The two new passwords differ.' };
  return null;
}
