import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface ConfirmQuestion {
  title: string;
  message: string;
  /** The button that does it, named for what it does ("Delete", "Block"): never a bare "OK". */
  action: string;
}

type Ask = (question: ConfirmQuestion) => Promise<boolean>;

const ConfirmContext = createContext<Ask>(async () => false);

/** Asks before something that cannot be undone, in an accessible dialog instead of the browser's confirm(). */
export function useConfirm(): Ask {
  return useContext(ConfirmContext);
}

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [asking, setAsking] = useState<(ConfirmQuestion & { answer(yes: boolean): void }) | null>(null);
  const ask = useCallback<Ask>(question => new Promise(resolve => setAsking({ ...question, answer: resolve })), []);
  const answer = (yes: boolean) => {
    asking?.answer(yes);
    setAsking(null);
  };
  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      {asking && <ConfirmDialog question={asking} onAnswer={answer} />}
    </ConfirmContext.Provider>
  );
}

/**
 * role="alertdialog", named by its title and described by its question; focus starts on Cancel (the safe answer),
 * stays inside while it is open (Tab cycles), Escape cancels, and focus goes back where it was.
 */
function ConfirmDialog({ question, onAnswer }: { question: ConfirmQuestion; onAnswer(yes: boolean): void }) {
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    cancel.current?.focus();
    return () => previous?.focus();
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onAnswer(false);
    } else if (e.key === 'Tab') {
      const buttons = [...(dialog.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
      const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = (index + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length;
      e.preventDefault();
      buttons[next]?.focus();
    }
  };
  return (
    <div className="modal-backdrop" onClick={() => onAnswer(false)}>
      <div className="modal confirm" role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`}
           aria-describedby={`${id}-message`} ref={dialog} onKeyDown={onKeyDown} onClick={e => e.stopPropagation()}>
        <h2 id={`${id}-title`}>{question.title}</h2>
        <p id={`${id}-message`}>{question.message}</p>
        <div className="confirm__buttons">
          <button type="button" className="button" ref={cancel} onClick={() => onAnswer(false)}>Cancel</button>
          <button type="button" className="primary danger-button" onClick={() => onAnswer(true)}>{question.action}</button>
        </div>
      </div>
    </div>
  );
}
