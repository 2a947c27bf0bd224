import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { AttachmentRef } from '../api/types';
import type { Message } from '../state/timeline';
import { Avatar, PresenceDot } from './common';
import { Composer, type ComposerMode } from './Composer';
import { ConversationInfo } from './ConversationInfo';
import { ThreadView } from './ThreadView';
import { LoadingMessages, MessageList } from './MessageList';
import { countOf } from './format';
import { navigate } from './router';
import { useUploads } from './uploads';
import { Icon } from './icons';
import { useChatStore, useStoreValue } from './useStore';

export function ConversationView({ id, info }: { id: string; info: boolean }) {
  const store = useChatStore();
  const [mode, setMode] = useState<ComposerMode>({ kind: 'new' });
  const [dragging, setDragging] = useState(false);
  const uploads = useUploads();
  const dragDepth = useRef(0);

  useEffect(() => {
    void store.open(id);
    return () => store.close(id);
  }, [store, id]);

  // The header, the list and the composer's settings: nothing here moves when another conversation does.
  const { kind, name, peer, peerStatus, othersOnline, timeline, failed, typing, muted, details, threadRoot } = useStoreValue(s => {
    const details = s.details.get(id);
    const peer = s.peerOf(id);
    return {
      kind: details?.conversation.kind ?? s.summaries.get(id)?.kind,
      name: s.conversationName(id),
      peer,
      peerStatus: peer ? (s.presence.get(peer)?.status ?? 'offline') : null,
      // A group direct message's header counts who of the others is online, as a direct one shows the peer's status.
      othersOnline: (details?.members ?? []).filter(m => m.userId !== s.me.id
        && s.presence.get(m.userId)?.status === 'online').length,
      timeline: s.timelines.get(id),
      failed: s.openFailures.get(id) ?? null,
      typing: s.typingIn(id).map(u => s.nameOf(u)).join(', '),
      muted: s.isMuted(id),
      details,
      threadRoot: s.openThread?.conversationId === id ? s.openThread.rootId : null,
    };
  });
  const me = details?.members.find(m => m.userId === store.me.id);

  const reply = useCallback((message: Message) => setMode({ kind: 'reply', message }), []);
  const edit = useCallback((message: Message) => setMode({ kind: 'edit', message }), []);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    if (e.dataTransfer.files.length) uploads.add([...e.dataTransfer.files]);
  };

  const send = (body: string, attachments: AttachmentRef[]) => {
    const replyTo = mode.kind === 'reply' ? mode.message.seq : null;
    store.send(id, body, replyTo, attachments);
    setMode({ kind: 'new' });
  };

  const subtitle = kind === 'GROUP'
    ? `${details ? countOf(details.members.length, 'member') : '… members'}${details?.conversation.topic ? ` · ${details.conversation.topic}` : ''}`
    : kind === 'GROUP_DIRECT'
      ? `${details ? `${details.members.length} people` : '… people'} · ${othersOnline} online`
      : peerStatus ?? '';

  return (
    <section className={`conversation-view${info ? ' conversation-view--info' : ''}`} aria-label={`Conversation ${name}`}
             onDragEnter={e => { if (e.dataTransfer.types.includes('Files')) { dragDepth.current++; setDragging(true); } }}
             onDragLeave={() => { dragDepth.current = Math.max(0, dragDepth.current - 1); if (!dragDepth.current) setDragging(false); }}
             onDragOver={e => e.preventDefault()} onDrop={onDrop}>
      <div className="conversation-view__main">
        <header className="conversation-header">
          <a href="/" className="icon-button back-button" aria-label="Back to conversations"
             onClick={e => { e.preventDefault(); navigate('/'); }}>←</a>
          <span className="conversation__avatar">
            {kind === 'GROUP' ? <span className="avatar avatar--room" aria-hidden="true">#</span>
              : <Avatar id={peer ?? id} name={name} avatarId={peer ? undefined : null} />}
            {kind === 'DIRECT' && peer && <PresenceDot userId={peer} />}
          </span>
          <div className="conversation-header__text">
            <h1 className="conversation-header__name">{name}</h1>
            <p className="conversation-header__subtitle">{subtitle}</p>
          </div>
          <button className="icon-button" onClick={() => store.toggleMute(id)}
                  aria-pressed={muted}
                  aria-label={muted ? 'Unmute this conversation' : 'Mute this conversation'}
                  title={muted ? 'Unmute' : 'Mute'}>
            <Icon name={muted ? 'bellOff' : 'bell'} />
          </button>
          <a href={info ? `/c/${id}` : `/c/${id}/info`} className="icon-button"
             aria-label={kind === 'GROUP' ? 'Room details and members' : 'Conversation details'}
             aria-expanded={info}
             onClick={e => { e.preventDefault(); navigate(info ? `/c/${id}` : `/c/${id}/info`); }}><Icon name="info" /></a>
        </header>
        {timeline
          ? <MessageList conversationId={id} timeline={timeline} onReply={reply} onEdit={edit}
                         canModerate={me?.role === 'owner' || me?.role === 'admin'} />
          : failed
          ? (
            <div className="message-list message-list--failed" role="alert" data-testid="messages-failed">
              <p>Could not load the messages: {failed}</p>
              <button type="button" className="button" onClick={() => void store.open(id)}>Try again</button>
            </div>
          )
          : <div className="message-list message-list--loading"><LoadingMessages /></div>}
        <div className="typing" aria-live="polite">
          {typing && `${typing} ${typing.includes(', ') ? 'are' : 'is'} typing…`}
        </div>
        {details?.conversation.archived
          ? <p className="composer composer--archived hint" role="status">This room is archived: it can be read, not
              written to.</p>
          : <Composer key={id} conversationId={id} mode={mode} onCancel={() => setMode({ kind: 'new' })}
                      onSend={send} uploads={uploads}
                      onEditLast={() => {
                        const mine = timeline?.messages.filter(m => m.senderId === store.me.id && !m.deleted);
                        if (mine && mine.length) setMode({ kind: 'edit', message: mine[mine.length - 1] });
                      }} />}
        {dragging && <div className="drop-zone" aria-hidden="true">Drop files to upload</div>}
      </div>
      {threadRoot && !info && <ThreadView key={threadRoot} conversationId={id} rootId={threadRoot} />}
      {info && <ConversationInfo id={id} />}
    </section>
  );
}
