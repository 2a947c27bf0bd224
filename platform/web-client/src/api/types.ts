/** The shapes of the suite's REST answers and WebSocket frames (see docs/protocol.md and the services' api types). */
export type Uuid = string;

/** avatarId: the user's picture at /api/avatars/{avatarId}; null (or absent) for initials. */
export interface UserView { id: Uuid; username: string; displayName: string; avatarId?: Uuid | null }
export interface SessionGrant { accessToken: string; expiresIn: number; user: UserView }
export interface Relation { user: UserView; since: string }
export interface UserPage { items: UserView[]; page: number; size: number; hasMore: boolean }

/** GROUP_DIRECT: a group direct message, 3 to 9 people without a name or roles. */
export type ConversationKind = 'DIRECT' | 'GROUP' | 'GROUP_DIRECT';
/** Roles and formats are lower case on the wire (docs/protocol.md). */
export type MemberRole = 'owner' | 'admin' | 'member';
export type MessageFormat = 'markdown' | 'plain';

export interface ConversationView {
  id: Uuid; kind: ConversationKind; name: string | null; topic: string | null; isPublic: boolean;
  createdAt: string; lastSeq: number; archived: boolean;
  /** Who may use @room and @here: the owner and admins, or every member. */
  roomMentions?: 'admins' | 'everyone';
}
export interface MemberView {
  userId: Uuid; displayName: string; role: MemberRole; joinedAt: string; readSeq: number;
  /** What @username mentions them by. */
  username?: string | null;
  /** Their picture at /api/avatars/{avatarId}; null for initials. */
  avatarId?: Uuid | null;
}
export interface ConversationDetails { conversation: ConversationView; members: MemberView[] }

export interface LastMessage {
  seq: number; messageId: Uuid | null; senderId: Uuid; senderName: string | null; preview: string | null; deleted: boolean; sentAt: string;
}
export interface ConversationSummary {
  conversationId: Uuid; kind: ConversationKind; name: string | null; peerId: Uuid | null;
  lastMessage: LastMessage | null; lastActivityAt: string; latestSeq: number; readSeq: number; unreadCount: number;
  archived: boolean;
  /** Unread messages from others that mention me, by name or as one of the room (@room, @here). */
  mentionCount?: number;
  /** My notification settings here, as the server keeps them for all my devices. */
  notifications?: ConversationNotifications;
}

/** mode: every message or mentions only; muted for ever (mutedUntil null) or until mutedUntil. */
export interface ConversationNotifications { mode: 'all' | 'mentions'; muted: boolean; mutedUntil: string | null }
/** Do-not-disturb for the whole account: while on (for ever, or until `until`) nothing sounds or notifies. */
export interface DoNotDisturb { on: boolean; until: string | null }

export interface AttachmentRef {
  id: Uuid; name: string; contentType: string; size: number; width: number | null; height: number | null;
  hasThumbnail: boolean;
}

/** One emoji on a message in history's pages: how many reacted and who, in the order they came. */
export interface ReactionView { emoji: string; count: number; userIds: Uuid[] }

export interface MessageView {
  seq: number; messageId: Uuid; senderId: Uuid; senderName: string | null; body: string | null;
  format: MessageFormat; attachments: AttachmentRef[]; replyTo: number | null; sentAt: string;
  editedAt: string | null; deleted: boolean; reactions?: ReactionView[];
  mentionedUserIds?: Uuid[]; roomMentioned?: boolean;
  /** A thread reply's root (alsoToConversation: shown in the conversation too); a root's thread summary. */
  threadRootId?: Uuid | null; alsoToConversation?: boolean; thread?: ThreadSummary | null;
}
/** A thread root's live replies: how many, the last one's time, who replied (first reply first). */
export interface ThreadSummary { replyCount: number; lastReplyAt: string; participantIds: Uuid[] }
/** GET /api/history/conversations/{id}/threads/{rootId}: the root and its replies oldest-first. */
export interface ThreadPage {
  conversationId: Uuid; root: MessageView; replies: MessageView[]; nextAfter: number | null; following: boolean;
}
/** lastSeq: the conversation's seq when the page was read; the page shows every event up to it (not only messages). */
export interface MessagePage { conversationId: Uuid; messages: MessageView[]; nextBefore: number | null; lastSeq: number }

export interface TimelineEvent {
  type: string; v: number; conversationId: Uuid; seq: number; occurredAt: string; actorId: Uuid;
  // message.created
  messageId?: Uuid; clientId?: string; body?: string | null; format?: MessageFormat; replyTo?: number | null;
  attachments?: AttachmentRef[]; threadRootId?: Uuid | null; alsoToConversation?: boolean;
  // message.created and message.edited: whom the server found mentioned (members by name; the whole room)
  mentionedUserIds?: Uuid[]; roomMentioned?: boolean;
  // conversation.created / updated
  kind?: ConversationKind; name?: string | null; topic?: string | null; isPublic?: boolean; archived?: boolean;
  everyoneMentionsRoom?: boolean;
  members?: { userId: Uuid; role: MemberRole }[];
  // conversation.deleted: everyone who was a member
  formerMembers?: Uuid[];
  // member.joined / left
  userId?: Uuid; role?: MemberRole;
  // reaction.added / removed (with messageId; the reactor is actorId)
  emoji?: string;
}
export interface EventPage {
  conversationId: Uuid; events: TimelineEvent[]; hasMore: boolean; nextAfter: number; latestSeq: number;
}

export interface SearchHit {
  conversationId: Uuid; seq: number; messageId: Uuid; senderId: Uuid; senderName: string | null; sentAt: string;
  snippet: { text: string; highlights: { start: number; end: number }[] };
}
export interface SearchPage { hits: SearchHit[]; page: number; size: number; hasMore: boolean }

export type PresenceStatus = 'online' | 'away' | 'offline';
export interface Presence { userId: Uuid; status: PresenceStatus; lastSeenAt: string | null }

export interface UploadedAttachment extends AttachmentRef {}

export type ServerFrame =
  | { type: 'ack'; id: string; conversationId: Uuid; messageId: Uuid | null; seq: number; at: string }
  | { type: 'event'; event: TimelineEvent }
  | { type: 'receipt'; conversationId: Uuid; userId: Uuid; seq: number; at: string }
  | { type: 'unread'; conversationId: Uuid; seq: number; unreadCount: number; at: string }
  | { type: 'error'; id: string | null; code: string; message: string }
  | { type: 'pong'; id: string }
  | { type: 'presence'; userId: Uuid; status: PresenceStatus; lastSeenAt: string | null }
  | { type: 'typing'; conversationId: Uuid; userId: Uuid; typing: boolean }
  | { type: 'notifications'; conversationId: Uuid; notifications: ConversationNotifications }
  | { type: 'do-not-disturb'; doNotDisturb: DoNotDisturb }
  | { type: 'friendship'; userId: Uuid; otherUserId: Uuid; state: 'REQUESTED' | 'FRIENDS' | 'NONE' }
  | { type: 'profile'; userId: Uuid; username: string; displayName: string; avatarId: Uuid | null };

/** A refusal from the server: RFC 9457 problem details. */
export class ProblemError extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail: string | null,
              readonly fieldErrors: { field?: string; name?: string; message?: string; detail?: string }[] = []) {
    super(detail || title || `HTTP ${status}`);
  }

  /** A short sentence for people. */
  describe(): string {
    const fields = this.fieldErrors
      .map(e => [e.field ?? e.name, e.message ?? e.detail].filter(Boolean).join(' '))
      .filter(Boolean);
    return fields.length ? fields.join('; ') : this.message;
  }
}
