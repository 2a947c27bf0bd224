import { describe, expect, it } from 'vitest';
import type { AccountSession } from '../api/account';
import { ProblemError } from '../api/types';
import { deviceLabel, fieldError, orderSessions, passwordFormProblem } from './account';

describe('deviceLabel', () => {
  it('names the browser and the system', () => {
    expect(deviceLabel('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'))
      .toBe('Firefox on Linux');
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) '
      + 'Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toBe('Edge on Windows');
    expect(deviceLabel('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) '
      + 'Chrome/131.0.0.0 Safari/537.36')).toBe('Chrome on macOS');
    expect(deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 '
      + '(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari on iOS');
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) '
      + 'Chrome/131.0.0.0 Mobile Safari/537.36')).toBe('Chrome on Android');
  });

  it('shows what a program calls itself, and says when nothing was sent', () => {
    expect(deviceLabel('curl/8.5.0')).toBe('curl/8.5.0');
    expect(deviceLabel(null)).toBe('Unknown device');
  });
});

describe('orderSessions', () => {
  const session = (id: string, current: boolean): AccountSession =>
    ({ id, current, userAgent: null, address: null, createdAt: '', lastUsedAt: '' });

  it('puts this page\'s session first and keeps the others in the server\'s order', () => {
    const ordered = orderSessions([session('a', false), session('b', true), session('c', false)]);
    expect(ordered.map(s => s.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('fieldError', () => {
  it('finds the message of the field the problem names', () => {
    const refusal = new ProblemError(400, 'Bad Request', null,
      [{ field: 'currentPassword', message: 'is not your current password' }]);
    expect(fieldError(refusal, 'currentPassword')).toBe('is not your current password');
    expect(fieldError(refusal, 'newPassword')).toBeNull();
    expect(fieldError(new Error('offline'), 'currentPassword')).toBeNull();
  });
});

describe('passwordFormProblem', () => {
  it('asks for the current password and the same new one twice, and leaves the rules to the server', () => {
    expect(passwordFormProblem({ currentPassword: '', newPassword: 'x', repeated: 'x' })?.field)
      .toBe('currentPassword');
    expect(passwordFormProblem({ currentPassword: 'old', newPassword: 'one', repeated: 'two' })?.field)
      .toBe('repeated');
    expect(passwordFormProblem({ currentPassword: 'old', newPassword: 'short', repeated: 'short' })).toBeNull();
  });
});
