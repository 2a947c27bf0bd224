import { useEffect, useState } from 'react';
import * as session from '../api/session';
import type { UserView } from '../api/types';
import { ChatStore } from '../state/store';
import { AuthScreen } from './AuthScreen';
import { ConfirmProvider } from './ConfirmDialog';
import { ConversationView } from './ConversationView';
import { FriendsPanel } from './FriendsPanel';
import { NewChatPanel } from './NewChatPanel';
import { RoomsPanel } from './RoomsPanel';
import { navigate, parseRoute, usePath } from './router';
import { SearchPanel } from './SearchPanel';
import { SettingsPanel } from './SettingsPanel';
import { Sidebar } from './Sidebar';
import { StoreContext, useChatStore, useStoreValue } from './useStore';

/** Signed out: the login and register screen. Signed in: the chat, with a store that lives as long as the session. */
export function App() {
  const [user, setUser] = useState<UserView | null | undefined>(undefined);

  useEffect(() => {
    const unsubscribe = session.onSessionChange(setUser);
    session.resume().then(setUser).catch(() => setUser(null));
    return () => { unsubscribe(); };
  }, []);

  if (user === undefined) {
    return <div className="splash" role="status" aria-live="polite">Loading…</div>;
  }
  if (user === null) return <AuthScreen />;
  return <SignedIn user={user} />;
}

function SignedIn({ user }: { user: UserView }) {
  const [store] = useState(() => new ChatStore(user));
  useEffect(() => {
    store.navigate = navigate;
    store.start();
    return () => store.stop();
  }, [store]);
  useEffect(() => store.renamed(user), [store, user]);
  return (
    <StoreContext.Provider value={store}>
      <ConfirmProvider>
        <Shell />
      </ConfirmProvider>
    </StoreContext.Provider>
  );
}

/** Says at once when messages cannot go out, and that they will when the connection is back. */
function ConnectionBanner() {
  const status = useStoreValue(s => s.status);
  if (status !== 'offline' && status !== 'reconnecting') return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      {status === 'offline' ? 'You are offline.' : 'Connection lost, reconnecting…'} Messages you write are sent when
      the connection is back.
    </div>
  );
}

function Shell() {
  const store = useChatStore();
  const toasts = useStoreValue(s => s.toasts);
  const route = parseRoute(usePath());
  const mainOpen = route.screen !== 'home';
  return (
    <div className={`app${mainOpen ? ' app--main-open' : ''}`}>
      <a className="skip-link" href="#main">Skip to conversation</a>
      <Sidebar activeId={route.screen === 'conversation' ? route.id : null} />
      <main id="main" className="main" tabIndex={-1}>
        <ConnectionBanner />
        {route.screen === 'conversation' && <ConversationView key={route.id} id={route.id} info={route.info} />}
        {route.screen === 'friends' && <FriendsPanel />}
        {route.screen === 'rooms' && <RoomsPanel />}
        {route.screen === 'new' && <NewChatPanel />}
        {route.screen === 'search' && <SearchPanel />}
        {route.screen === 'settings' && <SettingsPanel />}
        {route.screen === 'home' && (
          <div className="empty-state">
            <h1>Welcome, {store.me.displayName}</h1>
            <p>Pick a conversation, start a new one, or find a room.</p>
          </div>
        )}
      </main>
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map(t => <div key={t.id} className="toast">{t.text}</div>)}
      </div>
    </div>
  );
}
