import { api } from '../api/http';
import type { UserView } from '../api/types';
import { describe } from '../state/store';
import { PanelHeader } from './common';
import { navigate } from './router';
import { UserSearch } from './UserSearch';
import { useStore } from './useStore';

export function NewChatPanel() {
  const store = useStore();
  const start = async (user: UserView) => {
    try {
      const details = await api.direct(user.id);
      store.details.set(details.conversation.id, details);
      store.names.set(user.id, user.displayName);
      navigate(`/c/${details.conversation.id}`);
    } catch (error) {
      store.toast(`Could not start the conversation: ${describe(error)}`);
    }
  };
  return (
    <section className="panel" aria-label="New conversation">
      <PanelHeader title="New conversation" />
      <div className="panel__body">
        <UserSearch label="Find people by name" actions={user => (
          <button className="chip" onClick={() => start(user)} aria-label={`Message ${user.displayName}`}>Message</button>
        )} />
      </div>
    </section>
  );
}
