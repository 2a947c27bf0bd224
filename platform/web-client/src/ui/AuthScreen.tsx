import { useState, type FormEvent } from 'react';
import * as session from '../api/session';
import { describe } from '../state/store';

export function AuthScreen() {
  const [mode, setMode] = useState<'login' | 'register'>(location.pathname === '/register' ? 'register' : 'login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'login') await session.login(username, password);
      else await session.register(username, password, displayName);
      if (location.pathname === '/login' || location.pathname === '/register') history.replaceState(null, '', '/');
    } catch (failure) {
      setError(describe(failure));
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
                 value={username} onChange={e => setUsername(e.target.value)} autoFocus />
        </label>
        {mode === 'register' && (
          <label>
            Display name <span className="hint">(optional)</span>
            <input name="displayName" autoComplete="nickname" maxLength={64}
                   value={displayName} onChange={e => setDisplayName(e.target.value)} />
          </label>
        )}
        <label>
          Password
          <input name="password" type="password" required minLength={mode === 'register' ? 8 : 1} maxLength={128}
                 autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
                 value={password} onChange={e => setPassword(e.target.value)} />
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        <button className="primary" type="submit" disabled={busy}>
          {mode === 'login' ? 'Sign in' : 'Create account'}
        </button>
        <p className="auth__switch">
          {mode === 'login' ? 'New here?' : 'Already have an account?'}{' '}
          <button type="button" className="link-button" onClick={() => { setMode(mode === 'login' ? 'register' : 'login'); setError(null); }}>
            {mode === 'login' ? 'Create an account' : 'Sign in'}
          </button>
        </p>
      </form>
    </div>
  );
}
