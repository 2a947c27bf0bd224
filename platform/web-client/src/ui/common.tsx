import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { avatarBlobUrl } from '../api/http';
import type { PresenceStatus } from '../api/types';
import { hueOf, initials } from './format';
import { navigate } from './router';
import { useStoreValue } from './useStore';

/**
 * A user's picture, or their initials on their colour when they have none (or it cannot be loaded). The picture is
 * the one the store knows for the user, unless the caller has it from a profile at hand (avatarId).
 */
export function Avatar({ id, name, size = 36, avatarId }: {
  id: string; name: string; size?: number; avatarId?: string | null;
}) {
  const known = useStoreValue(s => (avatarId === undefined ? s.avatarOf(id) : null));
  const picture = useAvatarUrl(avatarId === undefined ? known : avatarId);
  const style = { '--hue': hueOf(id), '--size': `${size}px` } as CSSProperties;
  if (picture) {
    return <img className="avatar avatar--picture" style={style} src={picture} alt="" aria-hidden="true"
                data-testid="avatar-picture" data-user-id={id} />;
  }
  return <span className="avatar" style={style} aria-hidden="true">{initials(name)}</span>;
}

function useAvatarUrl(avatarId: string | null): string | null {
  const [loaded, setLoaded] = useState<{ id: string; url: string } | null>(null);
  useEffect(() => {
    if (!avatarId) return;
    let cancelled = false;
    avatarBlobUrl(avatarId).then(url => { if (!cancelled) setLoaded({ id: avatarId, url }); })
      .catch(() => { if (!cancelled) setLoaded(null); });
    return () => { cancelled = true; };
  }, [avatarId]);
  return avatarId && loaded?.id === avatarId ? loaded.url : null;
}

/** A user's presence as a dot with a text alternative. */
export function PresenceDot({ userId }: { userId: string }) {
  const presence = useStoreValue(s => s.presenceOf(userId));
  const status: PresenceStatus = presence?.status ?? 'offline';
  const label = status === 'offline' && presence?.lastSeenAt
    ? `offline, last seen ${new Date(presence.lastSeenAt).toLocaleString()}` : status;
  return <span className={`presence presence--${status}`} role="img" aria-label={label} title={label}
               data-presence={status} />;
}

export function Modal({ title, onClose, children, wide }: {
  title: string; onClose: () => void; children: ReactNode; wide?: boolean;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, [onClose]);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className={`modal${wide ? ' modal--wide' : ''}`} role="dialog" aria-modal="true" aria-label={title}
           tabIndex={-1} ref={dialog} onClick={e => e.stopPropagation()}>
        <header className="modal__header">
          <h2>{title}</h2>
          <button className="icon-button" onClick={onClose} aria-label="Close">✕</button>
        </header>
        {children}
      </div>
    </div>
  );
}

export function PanelHeader({ title, back = '/' }: { title: string; back?: string }) {
  return (
    <header className="panel__header">
      <a href={back} className="icon-button back-button" aria-label="Back"
         onClick={e => { e.preventDefault(); navigate(back); }}>←</a>
      <h1>{title}</h1>
    </header>
  );
}
