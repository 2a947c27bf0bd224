import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/http';
import type { ConversationView } from '../api/types';
import { describe } from '../state/store';
import { PanelHeader } from './common';
import { navigate } from './router';
import { useStore } from './useStore';

/** Create a room, or find a public one and join it. */
export function RoomsPanel() {
  const store = useStore();
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [isPublic, setPublic] = useState(true);
  const [query, setQuery] = useState('');
  const [rooms, setRooms] = useState<ConversationView[]>([]);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      api.findRooms(query.trim()).then(setRooms).catch(() => setRooms([]));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [query]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const details = await api.createRoom(name.trim(), topic.trim(), isPublic);
      store.details.set(details.conversation.id, details);
      navigate(`/c/${details.conversation.id}`);
    } catch (error) {
      store.toast(`Could not create the room: ${describe(error)}`);
    }
  };

  const join = async (room: ConversationView) => {
    try {
      if (!store.summaries.has(room.id)) {
        const details = await api.joinRoom(room.id);
        store.details.set(room.id, details);
      }
      navigate(`/c/${room.id}`);
    } catch (error) {
      store.toast(`Could not join: ${describe(error)}`);
    }
  };

  return (
    <section className="panel" aria-label="Rooms">
      <PanelHeader title="Rooms" />
      <div className="panel__body">
        <form className="card form" onSubmit={create} aria-labelledby="create-room">
          <h2 id="create-room">Create a room</h2>
          <label>Name<input required maxLength={100} value={name} onChange={e => setName(e.target.value)} /></label>
          <label>Topic <span className="hint">(optional)</span>
            <input maxLength={500} value={topic} onChange={e => setTopic(e.target.value)} /></label>
          <label className="checkbox">
            <input type="checkbox" checked={isPublic} onChange={e => setPublic(e.target.checked)} />
            Public: anyone can find and join it
          </label>
          <button className="primary" type="submit">Create room</button>
        </form>
        <div className="card">
          <h2>Find public rooms</h2>
          <input type="search" placeholder="Room name starts with…" aria-label="Find public rooms"
                 value={query} onChange={e => setQuery(e.target.value)} />
          <ul className="people" aria-label="Public rooms">
            {rooms.map(room => (
              <li key={room.id} className="person">
                <span className="avatar avatar--room" aria-hidden="true">#</span>
                <span className="person__text">
                  <span className="person__name">{room.name}</span>
                  {room.topic && <span className="hint">{room.topic}</span>}
                </span>
                <span className="person__actions">
                  <button className="chip" onClick={() => join(room)}>
                    {store.summaries.has(room.id) ? 'Open' : 'Join'}
                  </button>
                </span>
              </li>
            ))}
            {rooms.length === 0 && <li className="hint">No public rooms match.</li>}
          </ul>
        </div>
      </div>
    </section>
  );
}
