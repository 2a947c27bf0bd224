import { useState, type FormEvent } from 'react';
import type { Message, PendingMessage } from '../state/timeline';
import { Markdown } from '../text/Markdown';
import { countOf, formatFull, formatTime } from './format';
import { useChatStore, useStoreValue } from './useStore';

/**
 * A thread beside its conversation: the root, the replies in order (live, as the conversation's events apply), my
 * replies on their way, and a composer that can also send the reply to the conversation.
 */
export function ThreadView({ conversationId, rootId }: { conversationId: string; rootId: string }) {
  const store = useChatStore();
  const [body, setBody] = useState('');
  const [alsoToConversation, setAlsoToConversation] = useState(false);
  const { root, replies, pending } = useStoreValue(s => {
    const timeline = s.timelines.get(conversationId);
    return {
      root: timeline?.messages.find(m => m.messageId === rootId),
      replies: timeline?.repliesOf(rootId) ?? NONE,
      pending: s.pendingInThread(rootId),
    };
  }, sameThread);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    store.sendInThread(conversationId, rootId, body, alsoToConversation);
    setBody('');
  };

  return (
    <aside className="thread-view" aria-label="Thread" data-testid="thread-view">
      <header className="thread-view__header">
        <h2>Thread</h2>
        <button className="icon-button" aria-label="Close the thread" onClick={() => store.hideThread()}>×</button>
      </header>
      {/* Focusable, so a long thread scrolls by keyboard too (it may hold no link or button to land on). */}
      <ol className="thread-view__messages" tabIndex={0} aria-label="Thread messages">
        {root && <ThreadMessage message={root} />}
        {root && (
          <li className="thread-view__count">
            {countOf(root.thread?.replyCount ?? 0, 'reply', 'replies')}
          </li>
        )}
        {replies.map(reply => <ThreadMessage key={reply.seq} message={reply} />)}
        {pending.map(p => <PendingReply key={p.clientId} pending={p} />)}
      </ol>
      <form className="thread-view__composer" onSubmit={submit}>
        <label className="visually-hidden" htmlFor={`thread-${rootId}`}>Reply in the thread</label>
        <textarea id={`thread-${rootId}`} value={body} placeholder="Reply…" rows={2}
                  onChange={e => setBody(e.target.value)}
                  onKeyDown={e => { if (e.key === 'Enter' && !e.shiftKey) submit(e); }} />
        <label className="thread-view__also">
          <input type="checkbox" checked={alsoToConversation} onChange={e => setAlsoToConversation(e.target.checked)} />
          Also send to the conversation
        </label>
        <button type="submit" className="button" disabled={!body.trim()}>Reply</button>
      </form>
    </aside>
  );
}

const NONE: readonly Message[] = [];

/** The same root and replies (the timeline replaces what changes) and the same pending messages, item by item. */
function sameThread(a: ThreadSlice, b: ThreadSlice): boolean {
  return a.root === b.root && a.replies === b.replies && a.pending.length === b.pending.length
    && a.pending.every((p, i) => p === b.pending[i]);
}

interface ThreadSlice { root: Message | undefined; replies: readonly Message[]; pending: PendingMessage[] }

function ThreadMessage({ message }: { message: Message }) {
  const sender = useStoreValue(s => s.nameOf(message.senderId));
  return (
    <li className="thread-view__message" data-seq={message.seq}>
      <div className="message__meta">
        <span className="message__sender">{sender}</span>
        <time dateTime={message.sentAt} title={formatFull(message.sentAt)}>{formatTime(message.sentAt)}</time>
      </div>
      {message.deleted ? <p className="message__body message__body--deleted">This message was deleted.</p>
        : <p className="message__body"><Markdown source={message.body ?? ''} plain={message.format === 'plain'} /></p>}
    </li>
  );
}

function PendingReply({ pending }: { pending: PendingMessage }) {
  const store = useChatStore();
  return (
    <li className="thread-view__message message--pending" data-state={pending.state}>
      <p className="message__body"><Markdown source={pending.body} /></p>
      <span className="message__status" role="status">
        {pending.state === 'failed' ? <>Not sent{' '}
          <button className="link-button" onClick={() => store.retry(pending.clientId)}>Retry</button></>
          : 'Sending…'}
      </span>
    </li>
  );
}
