import { useState } from 'react';
import { api } from '../api/http';
import type { ConversationDetails, UserView } from '../api/types';
import { canStartGroup, GROUP_DIRECT_MAX_PEOPLE, togglePicked } from '../state/groupDirect';
import { describe } from '../state/store';
import { PanelHeader } from './common';
import { navigate } from './router';
import { UserSearch } from './UserSearch';
import { useStore } from './useStore';

/** Message one person, or pick two to eight and start (or find again) a group direct message with them. */
export function NewChatPanel() {
  const store = useStore();
  const [picked, setPicked] = useState<UserView[]>([]);
  const open = (details: ConversationDetails) => {
    store.details.set(details.conversation.id, details);
    details.members.forEach(m => { if (m.displayName) store.names.set(m.userId, m.displayName); });
    void store.loadPresence(details.members.map(m => m.userId).filter(id => id !== store.me.id));
    navigate(`/c/${details.conversation.id}`);
  };
  const start = async (user: UserView) => {
    try {
      open(await api.direct(user.id));
    } catch (error) {
      store.toast(`Could not start the conversation: ${describe(error)}`);
    }
  };
  const toggle = (user: UserView) => {
    const ids = togglePicked(picked.map(p => p.id), user.id);
    setPicked(ids.map(id => picked.find(p => p.id === id) ?? user));
  };
  const startGroup = async () => {
    try {
      open(await api.groupDirect(picked.map(p => p.id)));
    } catch (error) {
      store.toast(`Could not start the group: ${describe(error)}`);
    }
  };
  const full = picked.length >= GROUP_DIRECT_MAX_PEOPLE - 1;
  return (
    <section className="panel" aria-label="New conversation">
      <PanelHeader title="New conversation" />
      <div className="panel__body">
        <UserSearch label="Find people by name" actions={user => {
          const isPicked = picked.some(p => p.id === user.id);
          return (
            <>
              {/* Named by what they show, the person's name added for a screen reader ("Add Lea to group"). */}
              <button className="chip" onClick={() => start(user)}>
                Message<span className="visually-hidden"> {user.displayName}</span>
              </button>
              <button className="chip" onClick={() => toggle(user)} aria-pressed={isPicked} disabled={!isPicked && full}>
                {isPicked
                  ? <>Remove<span className="visually-hidden"> {user.displayName}</span> from group</>
                  : <>Add<span className="visually-hidden"> {user.displayName}</span> to group</>}
              </button>
            </>
          );
        }} />
        {picked.length > 0 && (
          <div className="group-picker" aria-label="Group members">
            <p className="hint">Group with you and {picked.map(p => p.displayName).join(', ')}
              {canStartGroup(picked.map(p => p.id)) ? '' : ' — add at least one more person'}</p>
            <button className="primary" disabled={!canStartGroup(picked.map(p => p.id))} onClick={() => void startGroup()}>
              Start group ({picked.length + 1} people)
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
