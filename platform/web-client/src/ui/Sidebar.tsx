import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Avatar, PresenceDot } from './common';
import { formatWhen } from './format';
import { navigate } from './router';
import { Icon } from './icons';
import { useStore } from './useStore';

const STATUS_TEXT = { connecting: 'Connecting…', online: 'Online', reconnecting: 'Reconnecting…', offline: 'Offline' };

export function Sidebar({ activeId }: { activeId: string | null }) {
  const store = useStore();
  const list = store.conversationList;
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
        <a href="/settings" className="me" onClick={go('/settings')} aria-label={`Settings for ${store.me.displayName}`}>
          <Avatar id={store.me.id} name={store.me.displayName} size={32} />
          <span className="me__name">{store.me.displayName}</span>
        </a>
        <span className={`connection connection--${store.status}`} role="status" aria-live="polite"
              data-connection={store.status}>
          {STATUS_TEXT[store.status]}
          {store.status === 'reconnecting' && store.retryInMs > 1000 && (
            <span className="hint"> (in {Math.round(store.retryInMs / 1000)} s)</span>
          )}
        </span>
      </header>
      <nav className="sidebar__actions" aria-label="Chat actions">
        <a href="/new" onClick={go('/new')} className="chip">✚ New chat</a>
        <a href="/rooms" onClick={go('/rooms')} className="chip"># Rooms</a>
        <a href="/friends" onClick={go('/friends')} className="chip">☺ Friends</a>
        <a href="/search" onClick={go('/search')} className="chip" aria-label="Search messages"><Icon name="search" size={14} /></a>
      </nav>
      {store.summariesLoaded && list.length === 0 && (
        <p className="sidebar__empty">No conversations yet. Start a chat or join a room.</p>
      )}
      <ul className="conversation-list" ref={listRef} onKeyDown={onListKey} aria-label="Conversation list">
        {list.map(summary => {
          const id = summary.conversationId;
          const name = store.conversationName(id);
          const last = summary.lastMessage;
          const preview = last
            ? `${last.senderId === store.me.id ? 'You: ' : summary.kind === 'GROUP' ? `${store.nameOf(last.senderId)}: ` : ''}${last.deleted ? 'deleted message' : last.preview ?? ''}`
            : summary.kind === 'GROUP' ? 'Room created' : 'Say hello';
          const unread = summary.unreadCount;
          return (
            <li key={id}>
              <a href={`/c/${id}`} onClick={go(`/c/${id}`)} data-conversation={id}
                 className={`conversation${id === activeId ? ' conversation--active' : ''}${unread ? ' conversation--unread' : ''}`}
                 aria-current={id === activeId ? 'page' : undefined}
                 aria-label={`${name}${summary.archived ? ', archived' : ''}${unread ? `, ${unread} unread` : ''}`}>
                <span className="conversation__avatar">
                  {summary.kind === 'GROUP'
                    ? <span className="avatar avatar--room" aria-hidden="true">#</span>
                    : <Avatar id={summary.peerId ?? id} name={name} />}
                  {summary.kind === 'DIRECT' && summary.peerId && <PresenceDot userId={summary.peerId} />}
                </span>
                <span className="conversation__text">
                  <span className="conversation__top">
                    <span className="conversation__name">{name}{summary.archived && <span className="hint"> · archived</span>}</span>
                    <time className="conversation__time" dateTime={summary.lastActivityAt}>
                      {formatWhen(summary.lastActivityAt)}
                    </time>
                  </span>
                  <span className="conversation__bottom">
                    <span className="conversation__preview">{preview}</span>
                    {store.isMuted(id) && <span className="muted-icon" role="img" aria-label="muted" title="Muted"><Icon name="bellOff" size={14} /></span>}
                    {unread > 0 && <span className="badge" aria-hidden="true" data-unread={unread}>{unread}</span>}
                  </span>
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
