import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/http';
import type { UserView } from '../api/types';
import { Avatar } from './common';
import { useStore } from './useStore';

/** Finds users by username or display name prefix; each result gets the caller's actions. */
export function UserSearch({ label, actions }: { label: string; actions(user: UserView): ReactNode }) {
  const store = useStore();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<UserView[]>([]);
  const [searched, setSearched] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults([]);
      setSearched(false);
      return;
    }
    const timer = window.setTimeout(() => {
      api.searchUsers(q).then(page => {
        setResults(page.items.filter(u => u.id !== store.me.id));
        setSearched(true);
      }).catch(() => setResults([]));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [query, store]);

  return (
    <div className="user-search">
      <label className="search-field">
        <span className="visually-hidden">{label}</span>
        <input type="search" placeholder={label} value={query} onChange={e => setQuery(e.target.value)}
               aria-label={label} />
      </label>
      <ul className="people" aria-label="Search results">
        {results.map(user => (
          <li key={user.id} className="person">
            <Avatar id={user.id} name={user.displayName} size={32} avatarId={user.avatarId ?? null} />
            <span className="person__text">
              <span className="person__name">{user.displayName}</span>
              <span className="hint">@{user.username}</span>
            </span>
            <span className="person__actions">{actions(user)}</span>
          </li>
        ))}
        {searched && results.length === 0 && <li className="hint">Nobody found.</li>}
      </ul>
    </div>
  );
}
