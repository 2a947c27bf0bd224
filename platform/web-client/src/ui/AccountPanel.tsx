import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { accountApi, type AccountSession } from '../api/account';
import * as session from '../api/session';
import { deviceLabel, fieldError, orderSessions, passwordFormProblem, type PasswordForm } from '../state/account';
import { describe } from '../state/store';
import { useConfirm } from './ConfirmDialog';
import { formatFull, formatWhen } from './format';
import { useStore } from './useStore';

/** Account self-service in the settings: the password, the sessions, signing out everywhere, deleting the account. */
export function AccountPanel() {
  return (
    <>
      <PasswordCard />
      <SessionsCard />
      <DeleteAccountCard />
    </>
  );
}

const EMPTY_FORM: PasswordForm = { currentPassword: '', newPassword: '', repeated: '' };

function PasswordCard() {
  const store = useStore();
  const id = useId();
  const [form, setForm] = useState(EMPTY_FORM);
  const [errors, setErrors] = useState<Partial<Record<keyof PasswordForm, string>>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = passwordFormProblem(form);
    if (problem) {
      setErrors({ [problem.field]: problem.message });
      return;
    }
    setBusy(true);
    try {
      await accountApi.changePassword(form.currentPassword, form.newPassword);
      setForm(EMPTY_FORM);
      setErrors({});
      store.toast('Your password is changed. Every other session is signed out.');
    } catch (error) {
      const current = fieldError(error, 'currentPassword');
      const next = fieldError(error, 'newPassword');
      setErrors(current || next
        ? { currentPassword: current ? `Current password ${current}.` : undefined,
            newPassword: next ? `New password ${next}.` : undefined }
        : {});
      if (!current && !next) store.toast(describe(error));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof PasswordForm, label: string, autoComplete: string, extra: object = {}) => (
    <label>{label}
      <input name={name} type="password" required maxLength={128} autoComplete={autoComplete} {...extra}
             value={form[name]} aria-invalid={errors[name] ? true : undefined}
             aria-describedby={errors[name] ? `${id}-${name}` : undefined}
             onChange={e => setForm({ ...form, [name]: e.target.value })} />
      {errors[name] && <span className="field-error" id={`${id}-${name}`} role="alert">{errors[name]}</span>}
    </label>
  );

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Password</h2>
      {field('currentPassword', 'Current password', 'current-password')}
      {field('newPassword', 'New password', 'new-password', { minLength: 8 })}
      {field('repeated', 'New password again', 'new-password', { minLength: 8 })}
      <p className="hint">Changing it signs out every other session of your account.</p>
      <button className="primary" type="submit" disabled={busy}>Change password</button>
    </form>
  );
}

function SessionsCard() {
  const store = useStore();
  const confirm = useConfirm();
  const id = useId();
  const [sessions, setSessions] = useState<AccountSession[] | null>(null);

  const load = useCallback(async () => {
    try {
      setSessions(orderSessions(await accountApi.sessions()));
    } catch (error) {
      store.toast(`Could not list your sessions: ${describe(error)}`);
    }
  }, [store]);
  useEffect(() => { void load(); }, [load]);

  const signOut = async (target: AccountSession) => {
    if (target.current) {
      await session.logout();
      return;
    }
    try {
      await accountApi.endSession(target.id);
      store.toast(`${deviceLabel(target.userAgent)} is signed out.`);
    } catch (error) {
      store.toast(describe(error));
    }
    await load();
  };

  const signOutEverywhere = async () => {
    const yes = await confirm({
      title: 'Sign out everywhere?',
      message: 'Every session of your account ends, this one too. You will need your password to sign in again.',
      action: 'Sign out everywhere',
    });
    if (!yes) return;
    try {
      await accountApi.endAllSessions();
    } catch (error) {
      store.toast(describe(error));
      return;
    }
    // The cookie's session is gone too; this clears the cookie and the page.
    await session.logout();
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sessions</h2>
      {sessions === null ? <p className="hint">Loading…</p> : (
        <ul className="people sessions" aria-label="Your sessions">
          {sessions.map(s => (
            <li className="person session" key={s.id} data-session={s.id}>
              <span className="person__text">
                <span className="person__name">
                  {deviceLabel(s.userAgent)}{s.current && <span className="session__current"> · this device</span>}
                </span>
                <span className="hint">
                  {s.address ?? 'unknown address'} · last used{' '}
                  <time dateTime={s.lastUsedAt} title={formatFull(s.lastUsedAt)}>{formatWhen(s.lastUsedAt)}</time>
                  {' '}· signed in <time dateTime={s.createdAt}>{formatFull(s.createdAt)}</time>
                </span>
              </span>
              <span className="person__actions">
                <button className="chip" type="button" onClick={() => void signOut(s)}
                        aria-label={`Sign out ${s.current ? 'this device' : deviceLabel(s.userAgent)}`}>
                  Sign out
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <button className="chip danger" type="button" onClick={() => void signOutEverywhere()}>
        Sign out everywhere
      </button>
    </section>
  );
}

function DeleteAccountCard() {
  const store = useStore();
  const confirm = useConfirm();
  const id = useId();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) {
      setError('Enter your password to confirm.');
      return;
    }
    const yes = await confirm({
      title: 'Delete your account?',
      message: 'Your profile is anonymised and every session ends; this cannot be undone. Your messages stay in '
        + 'their conversations, shown as from "Deleted user".',
      action: 'Delete account',
    });
    if (!yes) return;
    try {
      await accountApi.deleteAccount(password);
    } catch (refusal) {
      const message = fieldError(refusal, 'password');
      setError(message ? `Password ${message}.` : null);
      if (!message) store.toast(describe(refusal));
      return;
    }
    await session.logout();
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Delete account</h2>
      <label>Password
        <input name="deletePassword" type="password" autoComplete="current-password" maxLength={128}
               value={password} onChange={e => setPassword(e.target.value)}
               aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        {error && <span className="field-error" id={`${id}-error`} role="alert">{error}</span>}
      </label>
      <button className="chip danger" type="submit">Delete account…</button>
    </form>
  );
}
