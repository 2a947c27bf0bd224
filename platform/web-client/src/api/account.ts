import { call } from './http';
import type { Uuid } from './types';

/** One of the signed-in user's sessions, as auth-service lists them (most recently used first). */
export interface AccountSession {
  id: Uuid;
  userAgent: string | null;
  address: string | null;
  createdAt: string;
  lastUsedAt: string;
  /** The session of this page. */
  current: boolean;
}

const enc = encodeURIComponent;

/** Account self-service at auth-service (through the gateway's /api routing). */
export const accountApi = {
  /** Every other session is signed out; this one stays. */
  changePassword: (currentPassword: string, newPassword: string) =>
    call<void>('POST', '/api/auth/password', { currentPassword, newPassword }),
  sessions: () => call<AccountSession[]>('GET', '/api/auth/sessions'),
  endSession: (id: Uuid) => call<void>('DELETE', `/api/auth/sessions/${enc(id)}`),
  /** Every session, this one included. */
  endAllSessions: () => call<void>('DELETE', '/api/auth/sessions'),
  deleteAccount: (password: string) => call<void>('POST', '/api/auth/account/deletion', { password }),
};
