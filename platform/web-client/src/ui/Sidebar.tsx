import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { Avatar, PresenceDot } from './common';
import { formatWhen } from './format';
import { navigate } from './router';
import { Icon } from './icons';
import { useChatStore, useStoreValue } from './useStore';

const STATUS_TEXT = { connecting: 'Connecting…', online: 'Online', reconnecting: 'Reconnecting…', offline: 'Offline' };

export function Sidebar({ activeId }: { activeId: string | null }) {
  const store = useChatStore();
  // The order of the list and the connection: each entry watches its own conversation.
  const { ids, status, retryInMs, empty, doNotDisturb } = useStoreValue(s => ({
    ids: s.conversationList.map(c => c.conversationId).join(' '),
    status: s.status,
    retryInMs: s.retryInMs,
    empty: s.summariesLoaded && s.summaries.size === 0,
    doNotDisturb: s.doNotDisturbOn,
  }));
  const listRef = useRef<HTMLUListElement>(null);

  // Alt+Up / Alt+Down moves between conversations from anywhere.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
      const ids = store.conversationList.map(s => s.conversationId);
      if (ids.length === 0) return;
      e.preventDefault();
      const index = activeId ? ids.indexOf(activeId) : -1;
      const next = e.key === 'ArrowDown' ? Math.min(ids.length - 1, index + 1) : Math.max(0, index - 1);
      navigate(`/c/${ids[next]}`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, activeId]);

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const links = [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('a.conversation') ?? [])];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? links.length - 1
      : e.key === 'ArrowDown' ? Math.min(links.length - 1, index + 1) : Math.max(0, index - 1);
    links[next]?.focus();
    e.preventDefault();
  };

  const go = (path: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(path);
  };

  return (
    <aside className="sidebar" aria-label="Conversations">
      <header className="sidebar__header">
        {/* Named by its content, so the name holds the visible one ("Settings for Ada", not a label that hides it). */}
        <a href="/settings" className="me" onClick={go('/settings')}>
          <Avatar id={store.me.id} name={store.me.displayName} size={32} />
          <span className="visually-hidden">Settings for </span>
          <span className="me__name">{store.me.displayName}</span>
          {doNotDisturb && (
            <span className="muted-icon" role="img" aria-label="do not disturb" title="Do not disturb"
                  data-testid="do-not-disturb"><Icon name="bellOff" size={14} /></span>
          )}
        </a>
        <span className={`connection connection--${status}`} role="status" aria-live="polite"
              data-connection={status}>
          {STATUS_TEXT[status]}
          {status === 'reconnecting' && retryInMs > 1000 && (
            <span className="hint"> (in {Math.round(retryInMs / 1000)} s)</span>
          )}
        </span>
      </header>
      <nav className="sidebar__actions" aria-label="Chat actions">
        <a href="/new" onClick={go('/new')} className="chip">✚ New chat</a>
        <a href="/rooms" onClick={go('/rooms')} className="chip"># Rooms</a>
        <a href="/friends" onClick={go('/friends')} className="chip">☺ Friends</a>
        <a href="/search" onClick={go('/search')} className="chip" aria-label="Search messages"><Icon name="search" size={14} /></a>
      </nav>
      {empty && <p className="sidebar__empty">No conversations yet. Start a chat or join a room.</p>}
      <ul className="conversation-list" ref={listRef} onKeyDown={onListKey} aria-label="Conversation list">
        {ids && ids.split(' ').map(id => <ConversationEntry key={id} id={id} active={id === activeId} />)}
      </ul>
    </aside>
  );
}

/** One conversation in the list: re-renders when its own summary, name, presence or mute changes. */
const ConversationEntry = memo(function ConversationEntry({ id, active }: { id: string; active: boolean }) {
  const store = useChatStore();
  const { summary, name, muted, lastSender } = useStoreValue(s => {
    const summary = s.summaries.get(id);
    const last = summary?.lastMessage;
    return {
      summary,
      name: s.conversationName(id),
      muted: s.isMuted(id),
      lastSender: last && summary && summary.kind !== 'DIRECT' && last.senderId !== s.me.id ? s.nameOf(last.senderId) : null,
    };
  });
  if (!summary) return null;
  const go = (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(`/c/${id}`);
  };
  const last = summary.lastMessage;
  const preview = last
    ? `${last.senderId === store.me.id ? 'You: ' : lastSender ? `${lastSender}: ` : ''}${last.deleted ? 'deleted message' : last.preview ?? ''}`
    : summary.kind === 'GROUP' ? 'Room created' : 'Say hello';
  const unread = summary.unreadCount;
  const mentionCount = summary.mentionCount ?? 0;
  const counts = [
    unread ? `${unread} unread` : '',
    mentionCount ? `${mentionCount} ${mentionCount === 1 ? 'mention' : 'mentions'}` : '',
  ].filter(Boolean).join(', ');
  // No aria-label: the link is named by what it shows (name, time, preview) and, for a screen reader, the counts
  // the badges show; the avatar comes after the text in the DOM (CSS puts it first) so the name leads.
  return (
    <li>
      <a href={`/c/${id}`} onClick={go} data-conversation={id} data-muted={muted || undefined}
         className={`conversation${active ? ' conversation--active' : ''}${unread ? ' conversation--unread' : ''}${
           muted ? ' conversation--muted' : ''}`}
         aria-current={active ? 'page' : undefined}>
        <span className="conversation__text">
          <span className="conversation__top">
            <span className="conversation__name">{name}{summary.archived && <span className="hint"> · archived</span>}</span>
            <time className="conversation__time" dateTime={summary.lastActivityAt}>
              {formatWhen(summary.lastActivityAt)}
            </time>
          </span>
          <span className="conversation__bottom">
            <span className="conversation__preview">{preview}</span>
            {muted && <span className="muted-icon" role="img" aria-label="muted" title="Muted"><Icon name="bellOff" size={14} /></span>}
            {mentionCount > 0 && (
              <span className="badge badge--mention" aria-hidden="true" data-mentions={mentionCount}>@{mentionCount}</span>
            )}
            {unread > 0 && <span className="badge" aria-hidden="true" data-unread={unread}>{unread}</span>}
            {counts && <span className="visually-hidden">, {counts}</span>}
          </span>
        </span>
        <span className="conversation__avatar">
          {summary.kind === 'GROUP'
            ? <span className="avatar avatar--room" aria-hidden="true">#</span>
            : <Avatar id={summary.peerId ?? id} name={name} avatarId={summary.peerId ? undefined : null} />}
          {summary.kind === 'DIRECT' && summary.peerId && <PresenceDot userId={summary.peerId} />}
        </span>
      </a>
    </li>
  );
});
