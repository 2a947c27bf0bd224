import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/http';
import type { Relation, UserView } from '../api/types';
import { describe } from '../state/store';
import { Avatar, PanelHeader, PresenceDot } from './common';
import { navigate } from './router';
import { UserSearch } from './UserSearch';
import { useConfirm, type ConfirmQuestion } from './ConfirmDialog';
import { useStore, useStoreValue } from './useStore';

interface Relations { friends: Relation[]; incoming: Relation[]; outgoing: Relation[]; blocked: Relation[] }

/** Friends, requests both ways, and blocks. */
export function FriendsPanel() {
  const store = useStore();
  const [relations, setRelations] = useState<Relations>({ friends: [], incoming: [], outgoing: [], blocked: [] });

  const reload = useCallback(async () => {
    try {
      const [friends, incoming, outgoing, blocked] = await Promise.all([
        api.friends(), api.incomingRequests(), api.outgoingRequests(), api.blocked()]);
      setRelations({ friends, incoming, outgoing, blocked });
      void store.loadPresence(friends.map(r => r.user.id));
    } catch (error) {
      store.toast(describe(error));
    }
  }, [store]);

  // Read again whenever a request or friendship changes, here or elsewhere (friendship frames reach both people).
  const friendsVersion = useStoreValue(s => s.friendsVersion);
  useEffect(() => { void reload(); }, [reload, friendsVersion]);

  const confirm = useConfirm();
  const run = (action: () => Promise<unknown>, question?: ConfirmQuestion) => async () => {
    if (question && !await confirm(question)) return;
    try {
      await action();
    } catch (error) {
      store.toast(describe(error));
    }
    await reload();
  };

  const message = async (user: UserView) => {
    try {
      const details = await api.direct(user.id);
      store.details.set(details.conversation.id, details);
      navigate(`/c/${details.conversation.id}`);
    } catch (error) {
      store.toast(describe(error));
    }
  };

  const row = (relation: Relation, actions: React.ReactNode, presence = false) => (
    <li key={relation.user.id} className="person">
      <span className="conversation__avatar">
        <Avatar id={relation.user.id} name={relation.user.displayName} size={32}
                avatarId={relation.user.avatarId ?? null} />
        {presence && <PresenceDot userId={relation.user.id} />}
      </span>
      <span className="person__text">
        <span className="person__name">{relation.user.displayName}</span>
        <span className="hint">@{relation.user.username}</span>
      </span>
      <span className="person__actions">{actions}</span>
    </li>
  );

  const known = new Set([...relations.friends, ...relations.outgoing, ...relations.incoming, ...relations.blocked]
    .map(r => r.user.id));

  return (
    <section className="panel" aria-label="Friends">
      <PanelHeader title="Friends" />
      <div className="panel__body">
        {relations.incoming.length > 0 && (
          <div className="card">
            <h2>Requests for you</h2>
            <ul className="people" aria-label="Incoming friend requests">
              {relations.incoming.map(r => row(r, <>
                <button className="chip primary" onClick={run(() => api.acceptFriend(r.user.id))}
                        aria-label={`Accept ${r.user.displayName}`}>Accept</button>
                <button className="chip" onClick={run(() => api.declineFriend(r.user.id))}
                        aria-label={`Decline ${r.user.displayName}`}>Decline</button>
              </>))}
            </ul>
          </div>
        )}
        <div className="card">
          <h2>Friends ({relations.friends.length})</h2>
          <ul className="people" aria-label="Friends">
            {relations.friends.map(r => row(r, <>
              <button className="chip" onClick={() => message(r.user)} aria-label={`Message ${r.user.displayName}`}>Message</button>
              <button className="chip" onClick={run(() => api.unfriend(r.user.id), {
                title: 'Remove friend', action: 'Remove', message: `Remove ${r.user.displayName} from your friends?` })}
                      aria-label={`Remove ${r.user.displayName} from friends`}>Remove</button>
              <button className="chip danger" onClick={run(() => api.block(r.user.id), blocking(r.user.displayName))}
                      aria-label={`Block ${r.user.displayName}`}>Block</button>
            </>, true))}
            {relations.friends.length === 0 && <li className="hint">No friends yet: find people below.</li>}
          </ul>
        </div>
        <div className="card">
          <h2>Find people</h2>
          <UserSearch label="Find people to add" actions={user => known.has(user.id) ? <span className="hint">already listed</span> : <>
            <button className="chip" onClick={run(() => api.requestFriend(user.id))}
                    aria-label={`Add friend ${user.displayName}`}>Add friend</button>
            <button className="chip danger" onClick={run(() => api.block(user.id), blocking(user.displayName))}
                    aria-label={`Block ${user.displayName}`}>Block</button>
          </>} />
        </div>
        {relations.outgoing.length > 0 && (
          <div className="card">
            <h2>Requests you sent</h2>
            <ul className="people" aria-label="Outgoing friend requests">
              {relations.outgoing.map(r => row(r,
                <button className="chip" onClick={run(() => api.cancelRequest(r.user.id))}>Withdraw</button>))}
            </ul>
          </div>
        )}
        {relations.blocked.length > 0 && (
          <div className="card">
            <h2>Blocked</h2>
            <ul className="people" aria-label="Blocked users">
              {relations.blocked.map(r => row(r,
                <button className="chip" onClick={run(() => api.unblock(r.user.id))}>Unblock</button>))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}

function blocking(name: string): ConfirmQuestion {
  return { title: 'Block', action: 'Block', message: `Block ${name}? You can unblock them later on this page.` };
}
