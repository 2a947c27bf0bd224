import { useId, useState, type FormEvent, type ReactNode } from 'react';
import * as session from '../api/session';
import { fieldError } from '../state/account';
import { describe } from '../state/store';

type Field = 'username' | 'displayName' | 'password';
const LABELS: Record<Field, string> = { username: 'Username', displayName: 'Display name', password: 'Password' };

/**
 * The server's refusals of single fields as sentences beside those fields ("Username is already taken."): problem
 * details name the field and say what is wrong with it.
 */
function fieldSentences(failure: unknown): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {};
  for (const field of Object.keys(LABELS) as Field[]) {
    const message = fieldError(failure, field);
    if (message) found[field] = `${LABELS[field]} ${message.replace(/[.\s]+$/, '')}.`;
  }
  return found;
}

export function AuthScreen() {
  const [mode, setMode] = useState<'login' | 'register'>(location.pathname === '/register' ? 'register' : 'login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const id = useId();
  /** The input's attributes and the sentence under it that say a field was refused. */
  const refusal = (field: Field): [{ 'aria-invalid'?: true; 'aria-describedby'?: string }, ReactNode] =>
    fieldErrors[field]
      ? [{ 'aria-invalid': true, 'aria-describedby': `${id}-${field}` },
         <span className="field-error" id={`${id}-${field}`} role="alert">{fieldErrors[field]}</span>]
      : [{}, null];
  const [usernameRefused, usernameError] = refusal('username');
  const [displayNameRefused, displayNameError] = refusal('displayName');
  const [passwordRefused, passwordError] = refusal('password');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      if (mode === 'login') await session.login(username, password);
      else await session.register(username, password, displayName);
      if (location.pathname === '/login' || location.pathname === '/register') history.replaceState(null, '', '/');
    } catch (failure) {
      const sentences = fieldSentences(failure);
      setFieldErrors(sentences);
      if (Object.keys(sentences).length === 0) setError(describe(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth">
      <form className="auth__card" onSubmit={submit} aria-labelledby="auth-title">
        <img className="auth__logo" src="/favicon.svg" alt="" width={48} height={48} />
        <h1 id="auth-title">{mode === 'login' ? 'Sign in to Chat' : 'Create your account'}</h1>
        <label>
          Username
          <input name="username" autoComplete="username" required minLength={3} maxLength={32}
                 value={username} onChange={e => setUsername(e.target.value)} autoFocus {...usernameRefused} />
        </label>
        {usernameError}
        {mode === 'register' && (
          <label>
            Display name <span className="hint">(optional)</span>
            <input name="displayName" autoComplete="nickname" maxLength={64}
                   value={displayName} onChange={e => setDisplayName(e.target.value)} {...displayNameRefused} />
          </label>
        )}
        {mode === 'register' && displayNameError}
        <label>
          Password
          <input name="password" type="password" required minLength={mode === 'register' ? 8 : 1} maxLength={128}
                 autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
                 value={password} onChange={e => setPassword(e.target.value)} {...passwordRefused} />
        </label>
        {passwordError}
        {error && <p className="form-error" role="alert">{error}</p>}
        <button className="primary" type="submit" disabled={busy}>
          {mode === 'login' ? 'Sign in' : 'Create account'}
        </button>
        <p className="auth__switch">
          {mode === 'login' ? 'New here?' : 'Already have an account?'}{' '}
          <button type="button" className="link-button" onClick={() => { setMode(mode === 'login' ? 'register' : 'login'); setError(null); setFieldErrors({}); }}>
            {mode === 'login' ? 'Create an account' : 'Sign in'}
          </button>
        </p>
      </form>
    </div>
  );
}
