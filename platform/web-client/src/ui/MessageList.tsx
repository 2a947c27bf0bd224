import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  describeSystemLine, firstUnread, mentions, mergeTimeline, type Message, type PendingMessage, type SystemLine,
  type Timeline,
} from '../state/timeline';
import { Markdown } from '../text/Markdown';
import { plainText } from '../text/markdown';
import { AttachmentList } from './Attachments';
import { Avatar } from './common';
import { useConfirm } from './ConfirmDialog';
import { countOf, formatDay, formatFull, formatTime, whenOf, type When } from './format';
import { Icon } from './icons';
import { ReactionBar } from './Reactions';
import { useChatStore, useStoreValue } from './useStore';

type Row =
  | { kind: 'message'; key: string; message: Message; header: boolean; day: string | null; firstUnread: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage; header: boolean; day: string | null }
  | { kind: 'system'; key: string; line: SystemLine; header: false; day: string | null };

const GROUP_WITHIN_MS = 5 * 60_000;
const NEAR_BOTTOM_PX = 150;
/** A scroll offset past any list's end: the browser clamps it to the bottom without the page's height being read. */
const SCROLL_END = Number.MAX_SAFE_INTEGER;
/** How long a message opened from search stays highlighted. */
const HIGHLIGHT_MS = 3_000;

/**
 * The conversation's messages in a virtualized list: only the rows on screen exist in the DOM, so ten thousand
 * messages scroll like ten. Scrolling near the top loads older pages; new messages keep the view at the bottom
 * when it was there. It opens at a message asked for (a search hit), else at the first unread one under a "New
 * messages" line when the server counts any unread, else at the end; away from the end, "Jump to latest (N)" counts
 * the messages below that arrived since.
 */
export const MessageList = memo(function MessageList({ conversationId, timeline, onReply, onEdit, canModerate }: {
  conversationId: string; timeline: Timeline; onReply(m: Message): void; onEdit(m: Message): void; canModerate: boolean;
}) {
  const store = useChatStore();
  const scroller = useRef<HTMLDivElement>(null);
  // Re-render when this timeline or its pending sends change, not when anything else in the store does.
  const { pending } = useStoreValue(s => ({
    version: timeline.version, loaded: timeline.loaded, nextBefore: timeline.nextBefore,
    pending: s.pendingOf(conversationId),
  }), sameTimelineView);
  // My read cursor when I opened the conversation (or marked a message unread); null when nothing was unread.
  const readMark = useStoreValue(s => s.readMarks.get(conversationId) ?? null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const atBottom = useRef(true);
  const anchor = useRef<{ total: number; offset: number } | null>(null);

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    let previous: { sender: string; when: When } | null = null;
    const place = (sender: string, at: string) => {
      const when = whenOf(at);
      const day = previous === null || previous.when.day !== when.day ? formatDay(at) : null;
      const header = day !== null || previous?.sender !== sender || when.ms - previous.when.ms > GROUP_WITHIN_MS;
      previous = { sender, when };
      return { day, header };
    };
    const unreadSeq = readMark === null ? undefined : firstUnread(timeline.messages, readMark, store.me.id)?.seq;
    for (const entry of mergeTimeline(timeline.messages, timeline.systemLines, timeline.nextBefore == null)) {
      if (entry.kind === 'system') {
        // A join or leave breaks a run of messages: the next one shows its sender again.
        out.push({ kind: 'system', key: `s${entry.line.seq}`, line: entry.line, day: place('', entry.line.at).day,
          header: false });
        continue;
      }
      const message = entry.message;
      out.push({ kind: 'message', key: `m${message.seq}`, message, firstUnread: message.seq === unreadSeq,
        ...place(message.senderId, message.sentAt) });
    }
    for (const p of pending) {
      out.push({ kind: 'pending', key: `p${p.clientId}`, pending: p, ...place(store.me.id, p.createdAt) });
    }
    return out;
    // timeline.version and the pending list identify every change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [timeline, timeline.version, pending.map(p => `${p.clientId}:${p.state}`).join(), store.me.id, readMark]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: index => (rows[index]?.header ? 64 : rows[index]?.kind === 'system' ? 28 : 30)
      + (rows[index]?.day ? 40 : 0)
      + (rows[index]?.kind === 'message' && (rows[index] as { firstUnread: boolean }).firstUnread ? 32 : 0),
    getItemKey: index => rows[index]?.key ?? index,
    overscan: 10,
    measureElement: sizeFromResizeObserver,
    // Row heights measured in the next frame, not inside the one that laid them out: measuring there re-renders the
    // list, which mounts rows, which the observer reports again, all in one frame, and that chain made the longest
    // tasks of a busy conversation. The rows flow inside one positioned window, so a height known a frame late
    // moves nothing on screen but the scrollbar's length.
    useAnimationFrameWithResizeObserver: true,
  });

  const loadOlder = useCallback(async () => {
    if (loadingOlder || timeline.nextBefore == null) return;
    setLoadingOlder(true);
    anchor.current = { total: virtualizer.getTotalSize(), offset: scroller.current?.scrollTop ?? 0 };
    const added = await store.loadOlder(conversationId);
    if (added === 0) anchor.current = null;
    setLoadingOlder(false);
  }, [loadingOlder, timeline, store, conversationId, virtualizer]);

  // Older messages went in above: keep the same message under the reader's eyes.
  useLayoutEffect(() => {
    if (!anchor.current || !scroller.current) return;
    const grown = virtualizer.getTotalSize() - anchor.current.total;
    if (grown > 0) scroller.current.scrollTop = anchor.current.offset + grown;
    anchor.current = null;
  }, [rows, virtualizer]);

  // Away from the end: the newest seq the reader had seen then; "Jump to latest (N)" counts the messages after it.
  const [away, setAway] = useState(false);
  const seenSeq = useRef(0);
  const leaveBottom = (seen: number) => {
    atBottom.current = false;
    seenSeq.current = seen;
    setAway(true);
  };
  const backAtBottom = () => {
    atBottom.current = true;
    setAway(false);
  };

  // Opening, once the first page is in: at the message asked for, or the first unread, or (by default) the end.
  const opened = useRef(false);
  // Where to scroll once the rows are there: a message (seq), or the end (null).
  const [goTo, setGoTo] = useState<{ seq: number | null; highlight: boolean } | null>(null);
  const [highlighted, setHighlighted] = useState<number | null>(null);
  useLayoutEffect(() => {
    if (opened.current || !timeline.loaded) return;
    opened.current = true;
    const focus = store.takeFocus(conversationId);
    const mark = store.readMarkOf(conversationId);
    const unread = mark === undefined ? undefined : (firstUnread(timeline.messages, mark, store.me.id)?.seq ?? mark + 1);
    const target = focus ?? unread;
    if (target === undefined || target > timeline.lastSeq) return;
    leaveBottom(focus ?? mark ?? 0);
    void store.loadBackTo(conversationId, target).then(there => {
      if (there) setGoTo({ seq: target, highlight: focus !== undefined });
      else {
        // Further back than the client loads at once: the end, as if nothing were asked.
        backAtBottom();
        setGoTo({ seq: null, highlight: false });
      }
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [timeline.loaded]);

  useLayoutEffect(() => {
    if (!goTo) return;
    const seq = goTo.seq;
    const index = seq === null ? rows.length - 1 : rows.findIndex(row => row.kind === 'message' && row.message.seq >= seq);
    if (index < 0) return;
    setGoTo(null);
    virtualizer.scrollToIndex(index, { align: seq === null ? 'end' : goTo.highlight ? 'center' : 'start' });
    if (goTo.highlight) {
      setHighlighted(rows[index].kind === 'message' ? (rows[index] as { message: Message }).message.seq : null);
      window.setTimeout(() => setHighlighted(null), HIGHLIGHT_MS);
    }
  }, [goTo, rows, virtualizer]);

  // At the end, stay there: after every render that changed the list's height (new rows, rows measured taller than
  // their estimate), scroll to the bottom. One scroll write per render, never a read of the element's scroll height:
  // the virtualizer's scrollToIndex checks the element's maximum offset after each row it measures, a forced layout
  // of the page every time, and that made the long tasks of a busy open conversation.
  const followedHeight = useRef(-1);
  const followEnd = () => {
    const element = scroller.current;
    if (!element) return;
    followedHeight.current = virtualizer.getTotalSize();
    element.scrollTop = SCROLL_END;
  };
  useLayoutEffect(() => {
    if (atBottom.current && !goTo && rows.length > 0 && virtualizer.getTotalSize() !== followedHeight.current) followEnd();
  });

  const lastTop = useRef(0);
  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const bottom = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    // Only the reader leaves the end, by scrolling up. Following new rows can also end short of it (rows measured
    // taller than their estimate after the scroll), and a busy conversation must not look like the reader left.
    const movedUp = element.scrollTop < lastTop.current;
    lastTop.current = element.scrollTop;
    if (element.scrollTop < 400) void loadOlder();
    // While opening at a message, the scrolls there are not the reader leaving or reaching the end.
    if (goTo) return;
    if (bottom && !atBottom.current) backAtBottom();
    else if (!bottom && atBottom.current) {
      if (movedUp) leaveBottom(timeline.lastSeq);
      else followEnd();
    }
    if (bottom) store.markRead(conversationId);
  };

  // Opened at a message with the end in view as well (a short conversation): nothing lies below to jump to.
  useEffect(() => {
    const element = scroller.current;
    if (!element || goTo || atBottom.current) return;
    if (element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX) backAtBottom();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, goTo, away]);

  const jumpToLatest = () => {
    backAtBottom();
    followEnd();
    store.markRead(conversationId, true);
  };
  let arrivedBelow = 0;
  if (away) {
    for (let i = timeline.messages.length - 1; i >= 0 && timeline.messages[i].seq > seenSeq.current; i--) arrivedBelow++;
  }

  // The first page may not fill the screen: keep loading until it scrolls.
  useEffect(() => {
    const element = scroller.current;
    if (element && timeline.loaded && element.scrollHeight <= element.clientHeight && timeline.nextBefore != null) {
      void loadOlder();
    }
  }, [timeline.loaded, timeline.version, loadOlder, timeline.nextBefore]);

  let lastMine = -1;
  for (let i = timeline.messages.length - 1; i >= 0; i--) {
    if (timeline.messages[i].senderId === store.me.id) {
      lastMine = timeline.messages[i].seq;
      break;
    }
  }
  const items = virtualizer.getVirtualItems();
  return (
    <div className="message-list" ref={scroller} onScroll={onScroll} role="log" aria-label="Messages"
         aria-busy={loadingOlder || !timeline.loaded} tabIndex={0} data-testid="message-list">
      {!timeline.loaded && <LoadingMessages />}
      {timeline.nextBefore == null && timeline.loaded && (
        <p className="message-list__start">This is the beginning of the conversation.</p>
      )}
      <div className="message-list__inner" style={{ height: virtualizer.getTotalSize() }}>
        <div className="message-list__window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map(item => {
            const row = rows[item.index];
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement}>
                {row.day && <div className="day-separator" role="separator"><span>{row.day}</span></div>}
                {row.kind === 'message' && row.firstUnread && (
                  <div className="unread-divider" role="separator" aria-label="New messages"
                       data-testid="unread-divider"><span>New messages</span></div>
                )}
                {row.kind === 'system' ? <SystemLineRow line={row.line} />
                  : row.kind === 'message'
                  ? <MessageRow message={row.message} header={row.header} conversationId={conversationId}
                                timeline={timeline} onReply={onReply} onEdit={onEdit} canModerate={canModerate}
                                showStatus={row.message.seq === lastMine && pending.length === 0}
                                highlighted={row.message.seq === highlighted} />
                  : <PendingRow pending={row.pending} header={row.header} />}
              </div>
            );
          })}
        </div>
      </div>
      {away && (
        <button type="button" className="jump-to-latest" onClick={jumpToLatest} data-testid="jump-to-latest">
          Jump to latest{arrivedBelow > 0 ? ` (${arrivedBelow})` : ''}
        </button>
      )}
    </div>
  );
});

/**
 * A row's height as the virtualizer's ResizeObserver reports it, after the browser's own layout. When a row mounts
 * (no observer entry yet) its last known height, else the estimate, is kept: reading offsetHeight there, as the
 * virtualizer does by default, forces a layout of the whole page in the middle of React's commit, once per new row,
 * which made the long tasks of a busy open conversation. The observer's first report comes before the frame is
 * painted, so the list is drawn with the real heights all the same.
 */
function sizeFromResizeObserver(element: Element, entry: ResizeObserverEntry | undefined,
                                instance: Virtualizer<HTMLDivElement, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const index = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
}

/** What the pane shows while a conversation's first page is on its way. */
export function LoadingMessages() {
  return (
    <p className="message-list__loading" role="status" aria-live="polite" data-testid="messages-loading">
      <span className="spinner" aria-hidden="true" /> Loading messages…
    </p>
  );
}

function sameTimelineView(a: { version: number; loaded: boolean; nextBefore: number | null; pending: PendingMessage[] },
                          b: typeof a): boolean {
  return a.version === b.version && a.loaded === b.loaded && a.nextBefore === b.nextBefore
    && a.pending.length === b.pending.length && a.pending.every((p, i) => p === b.pending[i]);
}

const MessageRow = memo(function MessageRow({ message, header, conversationId, timeline, onReply, onEdit, canModerate,
  showStatus, highlighted }: {
  message: Message; header: boolean; conversationId: string; timeline: Timeline; onReply(m: Message): void;
  onEdit(m: Message): void; canModerate: boolean; showStatus: boolean; highlighted: boolean;
}) {
  const store = useChatStore();
  const confirm = useConfirm();
  const mine = message.senderId === store.me.id;
  const mentionsMe = !message.deleted && mentions(message, store.me.id);
  // Only what this row shows: the row re-renders when one of these changes, and not for other messages.
  const { sender, replied, repliedSender, readers, isDirect } = useStoreValue(s => {
    const replied = message.replyTo != null ? timeline.message(message.replyTo) : undefined;
    return {
      sender: s.nameOf(message.senderId),
      replied,
      repliedSender: replied ? s.nameOf(replied.senderId) : null,
      readers: mine && showStatus ? s.readersOf(conversationId, message.seq) : 0,
      isDirect: s.details.get(conversationId)?.conversation.kind === 'DIRECT',
    };
  });
  const filesOnly = message.attachments.length > 0 && message.body === message.attachments.map(a => a.name).join(', ');
  return (
    <article className={`message${header ? ' message--header' : ''}${mine ? ' message--mine' : ''}${
      highlighted ? ' message--highlighted' : ''}${mentionsMe ? ' message--mention' : ''}`}
             data-highlighted={highlighted || undefined} data-mention={mentionsMe || undefined}
             aria-label={`${sender}${mentionsMe ? ' mentioned you' : ''} at ${formatTime(message.sentAt)}`} data-seq={message.seq} tabIndex={-1}>
      <div className="message__gutter">
        {header ? <Avatar id={message.senderId} name={sender} /> : (
          <time className="message__hover-time" dateTime={message.sentAt} title={formatFull(message.sentAt)}>
            {formatTime(message.sentAt)}
          </time>
        )}
      </div>
      <div className="message__content">
        {header && (
          <div className="message__meta">
            <span className="message__sender">{sender}</span>
            <time dateTime={message.sentAt} title={formatFull(message.sentAt)}>{formatTime(message.sentAt)}</time>
          </div>
        )}
        {message.replyTo != null && (
          <div className="message__reply">
            ↪ {replied ? <><strong>{repliedSender}</strong> {plainText(replied.body ?? 'deleted message').slice(0, 100)}</>
              : 'an earlier message'}
          </div>
        )}
        {message.deleted ? <p className="message__body message__body--deleted">This message was deleted.</p> : (
          <>
            {!filesOnly && message.body && (
              <p className="message__body">
                <Markdown source={message.body} plain={message.format === 'plain'} />
                {message.editedAt && <span className="message__edited" title={formatFull(message.editedAt)}> (edited)</span>}
              </p>
            )}
            <AttachmentList attachments={message.attachments} />
            <ReactionBar conversationId={conversationId} messageId={message.messageId} reactions={message.reactions} />
          </>
        )}
        {message.thread && <ThreadSummaryButton conversationId={conversationId} message={message} />}
        {message.threadRootId && message.alsoToConversation && (
          <button type="button" className="link-button message__in-thread"
                  onClick={() => void store.showThread(conversationId, message.threadRootId!)}>replied in a thread</button>
        )}
        {mine && showStatus && !message.deleted && (
          <span className="message__status" data-state={readers > 0 ? 'read' : 'sent'}>
            {readers > 0 ? (isDirect ? '✓✓ Read' : `✓✓ Read by ${readers}`) : '✓ Sent'}
          </span>
        )}
      </div>
      {!message.deleted && (
        <div className="message__actions" role="toolbar" aria-label="Message actions">
          <button className="icon-button" onClick={() => onReply(message)} aria-label="Reply"><Icon name="reply" size={16} /></button>
          {!message.threadRootId && (
            <button className="icon-button" onClick={() => void store.showThread(conversationId, message.messageId)}
                    aria-label="Reply in thread" title="Reply in thread"><Icon name="thread" size={16} /></button>
          )}
          {mine && <button className="icon-button" onClick={() => onEdit(message)} aria-label="Edit"><Icon name="edit" size={16} /></button>}
          {!mine && (
            <button className="icon-button" onClick={() => store.markUnread(conversationId, message)}
                    aria-label="Mark as unread" title="Mark as unread"><Icon name="unread" size={16} /></button>
          )}
          {(mine || canModerate) && (
            <button className="icon-button" aria-label="Delete"
                    onClick={async () => {
                      if (await confirm({ title: 'Delete message', message: 'Delete this message for everyone?', action: 'Delete' })) {
                        store.remove(conversationId, message.messageId);
                      }
                    }}>
              <Icon name="trash" size={16} />
            </button>
          )}
        </div>
      )}
    </article>
  );
});

/** Under a thread's root: how many replies, who is in it, when the last came; opens the thread. */
function ThreadSummaryButton({ conversationId, message }: { conversationId: string; message: Message }) {
  const store = useChatStore();
  const thread = message.thread!;
  const people = useStoreValue(s => thread.participantIds.map(id => s.nameOf(id)).join(', '));
  return (
    <button type="button" className="thread-summary" data-testid="thread-summary"
            onClick={() => void store.showThread(conversationId, message.messageId)}>
      {/* Named by what it shows (the hidden words only join it up), so the name holds the visible text. */}
      <span className="thread-summary__count">{countOf(thread.replyCount, 'reply', 'replies')}</span>
      <span className="visually-hidden"> from</span>
      <span className="thread-summary__people">{people}</span>
      <time dateTime={thread.lastReplyAt} title={formatFull(thread.lastReplyAt)}>
        Last reply {formatTime(thread.lastReplyAt)}
      </time>
      <span className="visually-hidden">: open the thread</span>
    </button>
  );
}

/** A join or leave: one centred line, no avatar, no actions. */
const SystemLineRow = memo(function SystemLineRow({ line }: { line: SystemLine }) {
  const text = useStoreValue(s => describeSystemLine(line, id => s.nameOf(id)));
  return (
    <p className="system-line" data-testid="system-line" data-seq={line.seq} data-kind={line.kind}>
      {text} <time dateTime={line.at} title={formatFull(line.at)}>{formatTime(line.at)}</time>
    </p>
  );
});

const PendingRow = memo(function PendingRow({ pending, header }: { pending: PendingMessage; header: boolean }) {
  const store = useChatStore();
  const label = pending.state === 'sending' ? 'Sending…' : pending.state === 'sent' ? '✓ Sent' : 'Not sent';
  return (
    <article className={`message message--mine message--pending${header ? ' message--header' : ''}`}
             data-client-id={pending.clientId} data-state={pending.state}>
      <div className="message__gutter">{header && <Avatar id={store.me.id} name={store.me.displayName} />}</div>
      <div className="message__content">
        {header && (
          <div className="message__meta">
            <span className="message__sender">{store.me.displayName}</span>
            <time dateTime={pending.createdAt}>{formatTime(pending.createdAt)}</time>
          </div>
        )}
        <p className="message__body"><Markdown source={pending.body} /></p>
        <AttachmentList attachments={pending.attachments} />
        <span className="message__status" data-state={pending.state} role="status">
          {label}
          {pending.state === 'failed' && (
            <>
              {pending.error && <span className="hint"> ({pending.error})</span>}{' '}
              <button className="link-button" onClick={() => store.retry(pending.clientId)}>Retry</button>{' '}
              <button className="link-button" onClick={() => store.discard(pending.clientId)}>Discard</button>
            </>
          )}
        </span>
      </div>
    </article>
  );
});
