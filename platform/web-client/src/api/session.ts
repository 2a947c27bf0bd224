import { ProblemError, type SessionGrant, type UserView } from './types';

/**
 * The signed-in session. The refresh token never reaches this page: the gateway keeps it in an HttpOnly cookie
 * scoped to /web/session and hands out short-lived access tokens, which live only in this module's memory.
 */
type Listener = (user: UserView | null) => void;

let accessToken: string | null = null;
let currentUser: UserView | null = null;
let expiresAt = 0;
let refreshTimer: number | undefined;
let refreshing: Promise<string | null> | null = null;
const listeners = new Set<Listener>();

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function token(): string | null {
  return accessToken;
}

/** The current token if it has a minute left, else a refreshed one (each refresh rotates the session cookie). */
export async function freshToken(): Promise<string | null> {
  if (accessToken && Date.now() < expiresAt - 60_000) return accessToken;
  return refresh();
}

export function user(): UserView | null {
  return currentUser;
}

export async function login(username: string, password: string): Promise<UserView> {
  return adopt(await sessionCall('POST', '/web/session', { username, password }));
}

export async function register(username: string, password: string, displayName: string): Promise<UserView> {
  return adopt(await sessionCall('POST', '/web/session/register', {
    username, password, displayName: displayName.trim() || null,
  }));
}

/** Restores the session after a reload from the cookie, if there is one; null when signed out. */
export async function resume(): Promise<UserView | null> {
  const fresh = await refresh();
  return fresh ? currentUser : null;
}

/**
 * A new access token. Tabs of the same browser share the cookie, and a refresh token works once: the Web Locks API
 * makes tabs take turns, so each presents the newest cookie instead of revoking the session by reusing an old one.
 */
export function refresh(): Promise<string | null> {
  if (!refreshing) {
    const run = async () => {
      try {
        return adoptToken(await sessionCall('POST', '/web/session/refresh'));
      } catch (error) {
        if (error instanceof ProblemError && (error.status === 401 || error.status === 403)) {
          signedOut();
          return null;
        }
        throw error;
      }
    };
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    refreshing = (locks ? locks.request('chat-session-refresh', run) : run())
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

export async function logout(): Promise<void> {
  try {
    await sessionCall('DELETE', '/web/session');
  } finally {
    signedOut();
  }
}

export function updateUser(next: UserView) {
  currentUser = next;
  listeners.forEach(l => l(currentUser));
}

/** The server ended the session (logout elsewhere, revoked): forget everything. */
export function signedOut() {
  accessToken = null;
  expiresAt = 0;
  window.clearTimeout(refreshTimer);
  if (currentUser) {
    currentUser = null;
    listeners.forEach(l => l(null));
  }
}

function adopt(grant: SessionGrant): UserView {
  adoptToken(grant);
  return grant.user;
}

function adoptToken(grant: SessionGrant): string {
  accessToken = grant.accessToken;
  const changed = currentUser?.id !== grant.user.id || currentUser?.displayName !== grant.user.displayName;
  currentUser = grant.user;
  window.clearTimeout(refreshTimer);
  // Refresh well before expiry so that sockets and calls never carry a dead token.
  const lifetime = Math.max(10, grant.expiresIn) * 1000;
  expiresAt = Date.now() + lifetime;
  refreshTimer = window.setTimeout(() => { refresh().catch(() => undefined); }, lifetime * 0.8);
  if (changed) listeners.forEach(l => l(currentUser));
  return grant.accessToken;
}

async function sessionCall(method: string, path: string, body?: unknown): Promise<SessionGrant> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await problemOf(response);
  return response.status === 204 ? (undefined as unknown as SessionGrant) : response.json();
}

export async function problemOf(response: Response): Promise<ProblemError> {
  try {
    const problem = await response.json();
    return new ProblemError(response.status, problem.title ?? response.statusText, problem.detail ?? null,
      Array.isArray(problem.errors) ? problem.errors : []);
  } catch {
    return new ProblemError(response.status, response.statusText || `HTTP ${response.status}`, null);
  }
}
