import { useEffect, useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import type { AttachmentRef } from '../api/types';
import type { Message } from '../state/timeline';
import { plainText } from '../text/markdown';
import type { Uploads } from './uploads';
import { Icon } from './icons';
import { useChatStore } from './useStore';

export type ComposerMode = { kind: 'new' } | { kind: 'reply'; message: Message } | { kind: 'edit'; message: Message };

const MAX_BODY = 4000;

export function Composer({ conversationId, mode, onCancel, onSend, onEditLast, uploads }: {
  conversationId: string;
  mode: ComposerMode;
  onCancel(): void;
  onSend(body: string, attachments: AttachmentRef[]): void;
  onEditLast(): void;
  uploads: Uploads;
}) {
  const store = useChatStore();
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const files = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (mode.kind === 'edit') setText(mode.message.body ?? '');
    if (mode.kind !== 'new') input.current?.focus();
  }, [mode]);

  useEffect(() => { input.current?.focus(); }, []);

  // Grow with the text, up to a limit.
  useEffect(() => {
    const area = input.current;
    if (!area) return;
    area.style.height = 'auto';
    area.style.height = `${Math.min(area.scrollHeight, 200)}px`;
  }, [text]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const body = text.trim();
    if (mode.kind === 'edit') {
      if (body && body !== mode.message.body) store.edit(conversationId, mode.message.messageId, body);
      setText('');
      onCancel();
      return;
    }
    if (uploads.busy) return;
    const attachments = uploads.ready;
    if (!body && attachments.length === 0) return;
    // A message needs a body: a message of files alone carries their names.
    onSend(body || attachments.map(a => a.name).join(', ').slice(0, MAX_BODY), attachments);
    setText('');
    uploads.clear();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && mode.kind !== 'new') {
      e.preventDefault();
      if (mode.kind === 'edit') setText('');
      onCancel();
    } else if (e.key === 'ArrowUp' && text === '' && mode.kind === 'new') {
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
          <button type="button" className="icon-button" onClick={() => { if (mode.kind === 'edit') setText(''); onCancel(); }}
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
      <div className="composer__row">
        <button type="button" className="icon-button" onClick={() => files.current?.click()} aria-label="Attach files"
                disabled={mode.kind === 'edit'}><Icon name="attach" /></button>
        <input ref={files} type="file" multiple hidden aria-hidden="true" tabIndex={-1} data-testid="file-input"
               onChange={e => { uploads.add([...(e.target.files ?? [])]); e.target.value = ''; }} />
        <textarea ref={input} rows={1} value={text} maxLength={MAX_BODY} aria-label="Message"
                  placeholder={mode.kind === 'edit' ? 'Edit your message' : 'Write a message…'}
                  title="Enter sends, Shift+Enter starts a new line. **bold**, *italic*, `code` and links work." 
                  onChange={e => { setText(e.target.value); store.typed(conversationId, e.target.value.length > 0); }}
                  onKeyDown={onKeyDown} onPaste={onPaste} onBlur={() => store.typed(conversationId, false)} />
        <button type="submit" className="primary send-button" disabled={uploads.busy}
                aria-label={mode.kind === 'edit' ? 'Save edit' : 'Send'}>
          {mode.kind === 'edit' ? 'Save' : 'Send'}
        </button>
      </div>
    </form>
  );
}
