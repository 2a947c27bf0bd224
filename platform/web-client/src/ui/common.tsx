import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import type { PresenceStatus } from '../api/types';
import { hueOf, initials } from './format';
import { navigate } from './router';
import { useStoreValue } from './useStore';

export function Avatar({ id, name, size = 36 }: { id: string; name: string; size?: number }) {
  const style = { '--hue': hueOf(id), '--size': `${size}px` } as CSSProperties;
  return <span className="avatar" style={style} aria-hidden="true">{initials(name)}</span>;
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
