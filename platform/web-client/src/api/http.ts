import * as session from './session';
import type {
  AttachmentRef, ConversationDetails, ConversationNotifications, ConversationSummary, ConversationView, DoNotDisturb,
  EventPage, MessagePage, Presence,
  Relation, SearchPage, ThreadPage, UserPage, UserView, Uuid,
} from './types';

/** Calls /api/... with the in-memory access token; on 401 it refreshes once and tries again. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body, session.token());
  if (response.status === 401) {
    const fresh = await session.refresh();
    if (!fresh) throw await session.problemOf(response);
    response = await send(method, path, body, fresh);
  }
  if (!response.ok) throw await session.problemOf(response);
  if (response.status === 204 || response.headers.get('Content-Length') === '0') return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function send(method: string, path: string, body: unknown, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const enc = encodeURIComponent;

export const api = {
  me: () => call<UserView>('GET', '/api/users/me'),
  changeDisplayName: (displayName: string) => call<UserView>('PATCH', '/api/users/me', { displayName }),
  user: (id: Uuid) => call<UserView>('GET', `/api/users/${enc(id)}`),
  /** Names an uploaded picture (uploadAvatar) as the caller's; null removes it. */
  setAvatar: (avatarId: Uuid | null) => (avatarId
    ? call<UserView>('PUT', '/api/users/me/avatar', { avatarId })
    : call<UserView>('DELETE', '/api/users/me/avatar')),
  searchUsers: (q: string) => call<UserPage>('GET', `/api/users?q=${enc(q)}&size=20`),

  friends: () => call<Relation[]>('GET', '/api/friends'),
  incomingRequests: () => call<Relation[]>('GET', '/api/friends/requests/incoming'),
  outgoingRequests: () => call<Relation[]>('GET', '/api/friends/requests/outgoing'),
  requestFriend: (userId: Uuid) => call<{ state: string }>('POST', '/api/friends/requests', { userId }),
  acceptFriend: (userId: Uuid) => call('POST', `/api/friends/requests/${enc(userId)}/accept`),
  declineFriend: (userId: Uuid) => call('POST', `/api/friends/requests/${enc(userId)}/decline`),
  cancelRequest: (userId: Uuid) => call('DELETE', `/api/friends/requests/${enc(userId)}`),
  unfriend: (userId: Uuid) => call('DELETE', `/api/friends/${enc(userId)}`),
  blocked: () => call<Relation[]>('GET', '/api/blocks'),
  block: (userId: Uuid) => call('PUT', `/api/blocks/${enc(userId)}`),
  unblock: (userId: Uuid) => call('DELETE', `/api/blocks/${enc(userId)}`),

  conversations: () => call<ConversationView[]>('GET', '/api/conversations'),
  conversation: (id: Uuid) => call<ConversationDetails>('GET', `/api/conversations/${enc(id)}`),
  direct: (userId: Uuid) => call<ConversationDetails>('POST', '/api/conversations/direct', { userId }),
  groupDirect: (userIds: Uuid[]) => call<ConversationDetails>('POST', '/api/conversations/group-direct', { userIds }),
  createRoom: (name: string, topic: string, isPublic: boolean) =>
    call<ConversationDetails>('POST', '/api/rooms', { name, topic: topic || null, isPublic }),
  findRooms: (q: string) => call<ConversationView[]>('GET', `/api/rooms?q=${enc(q)}&size=50`),
  /** A JSON merge patch: only the settings given change; a topic of null clears it. */
  updateRoom: (id: Uuid, changes: {
    name?: string; topic?: string | null; isPublic?: boolean; roomMentions?: 'admins' | 'everyone';
  }) =>
    call<ConversationDetails>('PATCH', `/api/rooms/${enc(id)}`, changes),
  archiveRoom: (id: Uuid, archived: boolean) =>
    call<ConversationDetails>('POST', `/api/rooms/${enc(id)}/${archived ? 'archive' : 'unarchive'}`),
  deleteRoom: (id: Uuid) => call('DELETE', `/api/rooms/${enc(id)}`),
  joinRoom: (id: Uuid) => call<ConversationDetails>('POST', `/api/rooms/${enc(id)}/join`),
  leaveRoom: (id: Uuid) => call('POST', `/api/rooms/${enc(id)}/leave`),
  setMember: (id: Uuid, userId: Uuid, role: string | null) =>
    call<ConversationDetails>('POST', `/api/rooms/${enc(id)}/members`, { userId, role }),
  removeMember: (id: Uuid, userId: Uuid) => call('DELETE', `/api/rooms/${enc(id)}/members/${enc(userId)}`),

  summaries: () => call<ConversationSummary[]>('GET', '/api/history/conversations'),
  messages: (id: Uuid, before: number | null, limit = 50) =>
    call<MessagePage>('GET', `/api/history/conversations/${enc(id)}/messages?limit=${limit}`
      + (before != null ? `&before=${before}` : '')),
  thread: (id: Uuid, rootId: Uuid, after = 0) =>
    call<ThreadPage>('GET', `/api/history/conversations/${enc(id)}/threads/${enc(rootId)}?after=${after}&limit=200`),
  events: (id: Uuid, after: number) =>
    call<EventPage>('GET', `/api/history/conversations/${enc(id)}/events?after=${after}&limit=200`),
  notifications: (id: Uuid, settings: ConversationNotifications) =>
    call<ConversationNotifications>('PUT', `/api/history/conversations/${enc(id)}/notifications`, settings),
  doNotDisturb: () => call<DoNotDisturb>('GET', '/api/history/notifications/do-not-disturb'),
  setDoNotDisturb: (dnd: DoNotDisturb) =>
    call<DoNotDisturb>('PUT', '/api/history/notifications/do-not-disturb', dnd),
  search: (q: string) => call<SearchPage>('GET', `/api/history/search?q=${enc(q)}&size=30`),

  presence: (ids: Uuid[]) => call<Presence[]>('GET', `/api/presence?ids=${ids.map(enc).join(',')}`),
};

/** Uploads a file as its raw bytes, reporting progress; XMLHttpRequest because fetch cannot report upload progress. */
export function uploadAttachment(file: File, onProgress: (fraction: number) => void,
                                 retried = false): Promise<AttachmentRef> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/attachments?name=${enc(file.name || 'file')}`);
    const bearer = session.token();
    if (bearer) request.setRequestHeader('Authorization', `Bearer ${bearer}`);
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    request.onerror = () => reject(new Error('The upload failed; check the connection.'));
    request.onload = async () => {
      if (request.status === 401 && !retried && await session.refresh()) {
        uploadAttachment(file, onProgress, true).then(resolve, reject);
        return;
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(JSON.parse(request.responseText));
        return;
      }
      const response = new Response(request.responseText || null, { status: request.status });
      reject(await session.problemOf(response));
    };
    request.send(file);
  });
}

/** Fetches an attachment (or its thumbnail) with the bearer token and gives a blob: URL for it. */
export function attachmentBlobUrl(id: Uuid, thumbnail: boolean): Promise<string> {
  return blobUrl(`/api/attachments/${enc(id)}${thumbnail ? '/thumbnail' : ''}`);
}

/** Uploads a picture for the profile (an image, checked by chat-service); name it with api.setAvatar. */
export async function uploadAvatar(file: File): Promise<AttachmentRef> {
  const post = () => fetch('/api/avatars', {
    method: 'POST', body: file,
    headers: { Authorization: `Bearer ${session.token()}`, 'Content-Type': file.type || 'application/octet-stream' },
  });
  let response = await post();
  if (response.status === 401 && await session.refresh()) response = await post();
  if (!response.ok) throw await session.problemOf(response);
  return response.json();
}

/** A picture's blob: URL, fetched once per page for every row that shows it (an avatar's bytes never change). */
const avatarUrls = new Map<Uuid, Promise<string>>();
export function avatarBlobUrl(avatarId: Uuid): Promise<string> {
  let url = avatarUrls.get(avatarId);
  if (!url) {
    url = blobUrl(`/api/avatars/${enc(avatarId)}`);
    url.catch(() => avatarUrls.delete(avatarId));
    avatarUrls.set(avatarId, url);
  }
  return url;
}

async function blobUrl(path: string): Promise<string> {
  let response = await fetch(path, { headers: { Authorization: `Bearer ${session.token()}` } });
  if (response.status === 401 && await session.refresh()) {
    response = await fetch(path, { headers: { Authorization: `Bearer ${session.token()}` } });
  }
  if (!response.ok) throw await session.problemOf(response);
  return URL.createObjectURL(await response.blob());
}
