import { useEffect, useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import type { AttachmentRef } from '../api/types';
import { loadDraft, saveDraft } from '../state/drafts';
import { completeMention, mentionAt, suggestMentions, type MentionQuery } from '../state/mentionSuggestions';
import type { Message } from '../state/timeline';
import { plainText } from '../text/markdown';
import type { Uploads } from './uploads';
import { Icon } from './icons';
import { useChatStore } from './useStore';

export type ComposerMode = { kind: 'new' } | { kind: 'reply'; message: Message } | { kind: 'edit'; message: Message };

/** The server's limit on a body (docs/protocol.md), in UTF-16 code units like String.length. */
const MAX_BODY = 4000;
/** From here on the composer shows how many characters are left. */
const COUNT_FROM = 3500;

export function Composer({ conversationId, mode, onCancel, onSend, onEditLast, uploads }: {
  conversationId: string;
  mode: ComposerMode;
  onCancel(): void;
  onSend(body: string, attachments: AttachmentRef[]): void;
  onEditLast(): void;
  uploads: Uploads;
}) {
  const store = useChatStore();
  // The composer is keyed by conversation: its draft comes back after switching away or reloading.
  const [text, setText] = useState(() => loadDraft(store.me.id, conversationId));
  const input = useRef<HTMLTextAreaElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const editing = mode.kind === 'edit';
  // The @mention being typed at the caret, and which suggestion the arrow keys are on.
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [chosen, setChosen] = useState(0);
  const details = store.details.get(conversationId);
  const myRole = details?.members.find(m => m.userId === store.me.id)?.role;
  const roomWords = details?.conversation.kind === 'GROUP'
    && (myRole === 'owner' || myRole === 'admin' || details.conversation.roomMentions === 'everyone');
  const suggestions = mention ? suggestMentions(mention.query, details?.members ?? [], store.me.id, roomWords) : [];

  useEffect(() => {
    // An edit borrows the text box; the draft waits in storage and comes back when the edit ends.
    setText(mode.kind === 'edit' ? mode.message.body ?? '' : loadDraft(store.me.id, conversationId));
    if (mode.kind === 'edit') store.typed(conversationId, false);
    if (mode.kind !== 'new') input.current?.focus();
  }, [mode, store, conversationId]);

  const change = (value: string, caret: number) => {
    setText(value);
    setMention(mentionAt(value, caret));
    setChosen(0);
    if (editing) return;
    saveDraft(store.me.id, conversationId, value);
    // Someone fixing an old message is not "typing" a new one.
    store.typed(conversationId, value.length > 0);
  };

  useEffect(() => { input.current?.focus(); }, []);

  // Grow with the text, up to a limit.
  useEffect(() => {
    const area = input.current;
    if (!area) return;
    area.style.height = 'auto';
    area.style.height = `${Math.min(area.scrollHeight, 200)}px`;
  }, [text]);

  const over = text.length - MAX_BODY;
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const body = text.trim();
    // Too long is said next to the box (see the counter), never cut silently.
    if (body.length > MAX_BODY) return;
    if (mode.kind === 'edit') {
      if (body && body !== mode.message.body) store.edit(conversationId, mode.message.messageId, body);
      onCancel();
      return;
    }
    if (uploads.busy) return;
    const attachments = uploads.ready;
    if (!body && attachments.length === 0) return;
    // A message needs a body: a message of files alone carries their names.
    onSend(body || attachments.map(a => a.name).join(', ').slice(0, MAX_BODY), attachments);
    setText('');
    saveDraft(store.me.id, conversationId, '');
    uploads.clear();
  };

  const complete = (username: string) => {
    const area = input.current;
    if (!mention || !area) return;
    const done = completeMention(text, area.selectionStart, mention, username);
    change(done.text, done.caret);
    setMention(null);
    requestAnimationFrame(() => { area.focus(); area.setSelectionRange(done.caret, done.caret); });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0 && !e.nativeEvent.isComposing) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : suggestions.length - 1;
        setChosen((chosen + step) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        complete(suggestions[Math.min(chosen, suggestions.length - 1)].username);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setMention(null);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && mode.kind !== 'new') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'ArrowUp' && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && text === ''
               && mode.kind === 'new') {
      // Plain ↑ in an empty box edits the last message; Alt+↑ belongs to the conversation list.
      e.preventDefault();
      onEditLast();
    }
  };

  const onPaste = (e: ClipboardEvent) => {
    const pasted = [...e.clipboardData.files];
    if (pasted.length) {
      e.preventDefault();
      uploads.add(pasted);
    }
  };

  return (
    <form className="composer" onSubmit={submit} aria-label="Write a message">
      {mode.kind !== 'new' && (
        <div className="composer__context">
          <span>
            {mode.kind === 'reply' ? <>Replying to <strong>{store.nameOf(mode.message.senderId)}</strong>: </> : 'Editing: '}
            <span className="composer__quote">{plainText(mode.message.body ?? '').slice(0, 120)}</span>
          </span>
          <button type="button" className="icon-button" onClick={onCancel}
                  aria-label="Cancel">✕</button>
        </div>
      )}
      {uploads.items.length > 0 && (
        <ul className="uploads" aria-label="Attachments">
          {uploads.items.map(upload => (
            <li key={upload.key} className={`upload${upload.error ? ' upload--failed' : ''}`}>
              <span className="upload__name">{upload.name}</span>
              {upload.error
                ? <span className="upload__error" role="alert">{upload.error}</span>
                : <progress max={1} value={upload.progress} aria-label={`Uploading ${upload.name}`} />}
              <button type="button" className="icon-button" onClick={() => uploads.remove(upload.key)}
                      aria-label={`Remove ${upload.name}`}>✕</button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer__row" style={{ position: 'relative' }}>
        {suggestions.length > 0 && (
          <ul className="mention-suggestions" role="listbox" id={`mentions-${conversationId}`}
              aria-label="Mention someone">
            {suggestions.map((s, i) => (
              <li key={s.username} id={`mention-${conversationId}-${i}`} role="option"
                  aria-selected={i === Math.min(chosen, suggestions.length - 1)}
                  onMouseDown={e => { e.preventDefault(); complete(s.username); }}>
                <strong>@{s.username}</strong> <span className="hint">{s.label}</span>
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="icon-button" onClick={() => files.current?.click()} aria-label="Attach files"
                disabled={mode.kind === 'edit'}><Icon name="attach" /></button>
        <input ref={files} type="file" multiple hidden aria-hidden="true" tabIndex={-1} data-testid="file-input"
               onChange={e => { uploads.add([...(e.target.files ?? [])]); e.target.value = ''; }} />
        <textarea ref={input} rows={1} value={text} aria-label="Message" aria-invalid={over > 0}
                  aria-autocomplete="list"
                  aria-controls={suggestions.length > 0 ? `mentions-${conversationId}` : undefined}
                  aria-activedescendant={suggestions.length > 0
                    ? `mention-${conversationId}-${Math.min(chosen, suggestions.length - 1)}` : undefined}
                  aria-describedby={text.length >= COUNT_FROM ? `counter-${conversationId}` : undefined}
                  placeholder={mode.kind === 'edit' ? 'Edit your message' : 'Write a message…'}
                  title="Enter sends, Shift+Enter starts a new line. **bold**, *italic*, `code` and links work."
                  onChange={e => change(e.target.value, e.target.selectionStart)}
                  onKeyDown={onKeyDown} onPaste={onPaste} onBlur={() => { store.typed(conversationId, false); setMention(null); }} />
        <button type="submit" className="primary send-button" disabled={uploads.busy || over > 0}
                aria-label={mode.kind === 'edit' ? 'Save edit' : 'Send'}>
          {mode.kind === 'edit' ? 'Save' : 'Send'}
        </button>
      </div>
      {text.length >= COUNT_FROM && (
        <p id={`counter-${conversationId}`} className={`composer__counter${over > 0 ? ' composer__counter--over' : ''}`}
           data-testid="composer-counter" aria-live="polite">
          {over > 0 ? `${over} ${over === 1 ? 'character' : 'characters'} too long: shorten it to send`
            : `${MAX_BODY - text.length} characters left`}
        </p>
      )}
    </form>
  );
}
