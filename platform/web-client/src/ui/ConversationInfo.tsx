import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/http';
import type { MemberRole, MemberView } from '../api/types';
import { DURATIONS, untilAfter } from '../state/notifications';
import { describe } from '../state/store';
import { Avatar, PresenceDot } from './common';
import { navigate } from './router';
import { UserSearch } from './UserSearch';
import { useConfirm } from './ConfirmDialog';
import { useStore } from './useStore';

const ROLE_LABEL: Record<MemberRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };
const ROLE_ORDER: MemberRole[] = ['owner', 'admin', 'member'];

/** The side panel of a conversation: a room's settings and members, or the other person of a direct one. */
export function ConversationInfo({ id }: { id: string }) {
  const store = useStore();
  const details = store.details.get(id);
  if (!details) return <aside className="info" aria-label="Details"><p role="status">Loading…</p></aside>;
  return (
    <aside className="info" aria-label={details.conversation.kind === 'GROUP' ? 'Room details' : 'Conversation details'}>
      {details.conversation.kind === 'GROUP' ? <RoomInfo id={id} />
        : details.conversation.kind === 'GROUP_DIRECT' ? <GroupDirectInfo members={details.members} />
          : <DirectInfo id={id} />}
      <NotificationSettings id={id} />
    </aside>
  );
}

/**
 * My notification settings for the conversation, kept by the server and the same on all my devices: which messages
 * notify (all, or mentions only) and a mute for a while or until I end it. A mention of me notifies even when muted.
 */
function NotificationSettings({ id }: { id: string }) {
  const store = useStore();
  const settings = store.notificationsOf(id);
  const muted = store.isMuted(id);
  return (
    <div className="info__section form" role="group" aria-labelledby={`notifications-${id}`}>
      <h3 id={`notifications-${id}`}>Notifications</h3>
      <label>Notify me about
        <select value={settings.mode} onChange={e => void store.setNotifications(id, {
          mode: e.target.value === 'mentions' ? 'mentions' : 'all' })}>
          <option value="all">Every new message</option>
          <option value="mentions">Mentions of me only</option>
        </select>
      </label>
      <label>Mute
        <select value="" onChange={e => {
          const choice = e.target.value;
          if (choice === 'off') void store.setNotifications(id, { muted: false });
          else if (choice) {
            const minutes = choice === 'ever' ? null : Number(choice);
            void store.setNotifications(id, { muted: true, mutedUntil: untilAfter(minutes, Date.now()) });
          }
        }}>
          <option value="">{muted ? mutedText(settings.mutedUntil) : 'Not muted'}</option>
          {DURATIONS.map(d => <option key={d.label} value={d.minutes ?? 'ever'}>{d.label}</option>)}
          {muted && <option value="off">Unmute</option>}
        </select>
      </label>
      <p className="hint">Muted or mentions only: no sound or notification except when someone mentions you. Do not
        disturb (in Settings) silences everything.</p>
    </div>
  );
}

/** A group direct message's people: no name, no roles, nothing to manage. */
function GroupDirectInfo({ members }: { members: MemberView[] }) {
  const store = useStore();
  return (
    <div className="info__section">
      <h2>{members.length} people</h2>
      <ul className="people" aria-label="Members">
        {members.map(m => (
          <li key={m.userId} className="person">
            <span className="conversation__avatar">
              <Avatar id={m.userId} name={store.nameOf(m.userId)} size={32} />
              {m.userId !== store.me.id && <PresenceDot userId={m.userId} />}
            </span>
            <span className="person__text">
              <span className="person__name">{m.userId === store.me.id ? 'You' : store.nameOf(m.userId)}</span>
              {m.username && <span className="hint">@{m.username}</span>}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function mutedText(until: string | null): string {
  return until ? `Muted until ${new Date(until).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' })}`
    : 'Muted until you unmute';
}

function DirectInfo({ id }: { id: string }) {
  const store = useStore();
  const peer = store.peerOf(id);
  if (!peer) return null;
  const name = store.nameOf(peer);
  const act = (what: string, action: () => Promise<unknown>) => async () => {
    try {
      await action();
      store.toast(what);
    } catch (error) {
      store.toast(describe(error));
    }
  };
  return (
    <div className="info__section">
      <div className="info__profile">
        <span className="conversation__avatar"><Avatar id={peer} name={name} size={64} /><PresenceDot userId={peer} /></span>
        <h2>{name}</h2>
      </div>
      <div className="button-row">
        <button className="chip" onClick={act('Friend request sent.', () => api.requestFriend(peer))}>Add friend</button>
        <button className="chip danger" onClick={act(`${name} is blocked.`, () => api.block(peer))}>Block</button>
      </div>
    </div>
  );
}

function RoomInfo({ id }: { id: string }) {
  const store = useStore();
  const confirm = useConfirm();
  const details = store.details.get(id)!;
  const room = details.conversation;
  const me = details.members.find(m => m.userId === store.me.id);
  const manages = me?.role === 'owner' || me?.role === 'admin';
  const owns = me?.role === 'owner';
  const [name, setName] = useState(room.name ?? '');
  const [topic, setTopic] = useState(room.topic ?? '');
  const [isPublic, setPublic] = useState(room.isPublic);
  const [roomMentions, setRoomMentions] = useState(room.roomMentions ?? 'admins');

  useEffect(() => {
    setName(room.name ?? '');
    setTopic(room.topic ?? '');
    setPublic(room.isPublic);
    setRoomMentions(room.roomMentions ?? 'admins');
  }, [room.name, room.topic, room.isPublic, room.roomMentions]);

  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await store.loadDetails(id, true);
    } catch (error) {
      store.toast(describe(error));
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    // A merge patch of what changed: settings someone else changed meanwhile are left as they are.
    const changes: Parameters<typeof api.updateRoom>[1] = {};
    if (name.trim() !== (room.name ?? '')) changes.name = name.trim();
    if (topic.trim() !== (room.topic ?? '')) changes.topic = topic.trim() || null;
    if (isPublic !== room.isPublic) changes.isPublic = isPublic;
    if (roomMentions !== (room.roomMentions ?? 'admins')) changes.roomMentions = roomMentions;
    if (Object.keys(changes).length) void run(() => api.updateRoom(id, changes));
  };

  const remove = async () => {
    if (!await confirm({ title: 'Delete room', action: 'Delete room',
      message: `Delete ${room.name} for everyone? Its messages and files are gone for good.` })) return;
    try {
      await api.deleteRoom(id);
      store.forget(id);
      navigate('/');
    } catch (error) {
      store.toast(describe(error));
    }
  };

  const canChange = (member: MemberView) => member.userId !== store.me.id && manages
    && (owns || member.role === 'member');
  const sorted = [...details.members].sort((a, b) =>
    ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role)
    || a.displayName.localeCompare(b.displayName));

  return (
    <>
      <div className="info__section">
        {room.archived && <p className="hint" role="status">Archived: nothing can be sent here.</p>}
        {manages && !room.archived ? (
          <form className="form" onSubmit={save} aria-label="Room settings">
            <h2>Room settings</h2>
            <label>Name<input required maxLength={100} value={name} onChange={e => setName(e.target.value)} /></label>
            <label>Topic<input maxLength={500} value={topic} onChange={e => setTopic(e.target.value)} /></label>
            <label className="checkbox">
              <input type="checkbox" checked={isPublic} onChange={e => setPublic(e.target.checked)} /> Public
            </label>
            <label>Who may mention everyone (@room, @here)
              <select value={roomMentions}
                      onChange={e => setRoomMentions(e.target.value === 'everyone' ? 'everyone' : 'admins')}>
                <option value="admins">Owner and admins</option>
                <option value="everyone">Every member</option>
              </select>
            </label>
            <button className="primary" type="submit">Save</button>
          </form>
        ) : (
          <>
            <h2>{room.name}</h2>
            {room.topic && <p>{room.topic}</p>}
          </>
        )}
      </div>
      <div className="info__section">
        <h2>Members ({details.members.length})</h2>
        <ul className="people" aria-label="Members">
          {sorted.map(member => (
            <li key={member.userId} className="person" data-member={member.userId}>
              <span className="conversation__avatar">
                <Avatar id={member.userId} name={store.nameOf(member.userId)} size={32} />
                <PresenceDot userId={member.userId} />
              </span>
              <span className="person__text">
                <span className="person__name">{store.nameOf(member.userId)}{member.userId === store.me.id && ' (you)'}</span>
                <span className="hint">{ROLE_LABEL[member.role]}</span>
              </span>
              <span className="person__actions">
                {owns && member.userId !== store.me.id && member.role !== 'owner' && (
                  <select aria-label={`Role of ${store.nameOf(member.userId)}`} value={member.role}
                          onChange={e => void run(() => api.setMember(id, member.userId, e.target.value))}>
                    <option value="member">Member</option>
                    <option value="admin">Admin</option>
                  </select>
                )}
                {canChange(member) && member.role !== 'owner' && (
                  <button className="chip danger" aria-label={`Remove ${store.nameOf(member.userId)}`}
                          onClick={() => void run(() => api.removeMember(id, member.userId))}>Remove</button>
                )}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {manages && !room.archived && (
        <div className="info__section">
          <h2>Add people</h2>
          <UserSearch label="Add a member by name" actions={user => (
            details.members.some(m => m.userId === user.id)
              ? <span className="hint">member</span>
              : <button className="chip" aria-label={`Add ${user.displayName}`}
                        onClick={() => void run(() => api.setMember(id, user.id, 'member'))}>Add</button>
          )} />
        </div>
      )}
      <div className="info__section">
        <button className="chip danger" onClick={async () => {
          if (!await confirm({ title: 'Leave room', message: `Leave ${room.name}?`, action: 'Leave' })) return;
          try {
            await api.leaveRoom(id);
            store.forget(id);
            navigate('/');
          } catch (error) {
            store.toast(describe(error));
          }
        }}>Leave room</button>
        {owns && (
          <div className="button-row">
            <button className="chip" onClick={() => void run(() => api.archiveRoom(id, !room.archived))}>
              {room.archived ? 'Unarchive room' : 'Archive room'}
            </button>
            <button className="chip danger" onClick={() => void remove()}>Delete room</button>
          </div>
        )}
      </div>
    </>
  );
}
