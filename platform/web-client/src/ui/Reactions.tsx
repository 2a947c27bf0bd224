import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Uuid } from '../api/types';
import { COMMON_EMOJI, hasReacted, type Reaction } from '../state/reactions';
import { useChatStore, useStoreValue } from './useStore';

/**
 * A message's reactions as chips (emoji and count; who reacted in the tooltip; mine highlighted and pressed) that
 * toggle my reaction on click, followed by an "Add reaction" button with a small picker. Nothing changes here until
 * the server's event comes back, so every device shows the same.
 */
export const ReactionBar = memo(function ReactionBar({ conversationId, messageId, reactions }: {
  conversationId: Uuid; messageId: Uuid; reactions: Reaction[];
}) {
  const store = useChatStore();
  // Only the names this bar shows: it re-renders when one of them is learnt, not for anything else.
  const names = useStoreValue(s => reactions.map(r => r.userIds.map(id => (id === s.me.id ? 'You' : s.nameOf(id)))
    .join(', ')).join('|'));
  const people = names.split('|');
  const toggle = (emoji: string) =>
    store.react(conversationId, messageId, emoji, hasReacted(reactions, emoji, store.me.id));
  return (
    <div className={`reactions${reactions.length ? '' : ' reactions--empty'}`} data-testid="reactions">
      {reactions.map((reaction, i) => {
        const mine = reaction.userIds.includes(store.me.id);
        const who = `${people[i]} reacted with ${reaction.emoji}`;
        return (
          <button key={reaction.emoji} type="button" className={`reaction-chip${mine ? ' reaction-chip--mine' : ''}`}
                  aria-pressed={mine} title={who} aria-label={`${reaction.emoji} ${reaction.userIds.length}: ${who}`}
                  data-emoji={reaction.emoji} onClick={() => toggle(reaction.emoji)}>
            <span className="reaction-chip__emoji" aria-hidden="true">{reaction.emoji}</span>
            <span className="reaction-chip__count" aria-hidden="true">{reaction.userIds.length}</span>
          </button>
        );
      })}
      <ReactionPicker onPick={toggle} mine={emoji => hasReacted(reactions, emoji, store.me.id)} />
    </div>
  );
});

const MENU_HEIGHT_PX = 56;

/** The "Add reaction" button and its menu of common emoji: arrow keys move, Enter picks, Escape closes. */
function ReactionPicker({ onPick, mine }: { onPick(emoji: string): void; mine(emoji: string): boolean }) {
  const [open, setOpen] = useState(false);
  // Opens upwards, or downwards when too close to the top of the message list to show above.
  const [below, setBelow] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (move) {
      event.preventDefault();
      items[(at + move + items.length) % items.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      items[event.key === 'Home' ? 0 : items.length - 1]?.focus();
    }
  };

  return (
    <span className="reaction-picker">
      <button ref={button} type="button" className="reaction-add" aria-label="Add reaction" title="Add reaction"
              aria-haspopup="menu" aria-expanded={open} onClick={() => {
                const list = button.current?.closest('.message-list');
                const top = button.current?.getBoundingClientRect().top ?? 0;
                setBelow(top - (list?.getBoundingClientRect().top ?? 0) < MENU_HEIGHT_PX);
                setOpen(!open);
              }}>
        <span aria-hidden="true">☺+</span>
      </button>
      {open && (
        <div ref={menu} className={`reaction-picker__menu${below ? ' reaction-picker__menu--below' : ''}`} role="menu" aria-label="Pick a reaction" onKeyDown={onKeyDown}>
          {COMMON_EMOJI.map(emoji => (
            <button key={emoji} type="button" role="menuitemcheckbox" aria-checked={mine(emoji)} tabIndex={-1}
                    className="reaction-picker__item" aria-label={emoji}
                    onClick={() => { onPick(emoji); close(); }}>
              {emoji}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
