import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/http';
import type { SearchHit } from '../api/types';
import { PanelHeader } from './common';
import { formatFull, formatWhen } from './format';
import { useStore } from './useStore';

/** Full-text search over the caller's conversations; matches are highlighted from ranges, never from markup. */
export function SearchPanel() {
  const store = useStore();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits(null);
      return;
    }
    const timer = window.setTimeout(() => {
      api.search(q).then(page => setHits(page.hits)).catch(() => setHits([]));
    }, 300);
    return () => window.clearTimeout(timer);
  }, [query]);

  return (
    <section className="panel" aria-label="Search messages">
      <PanelHeader title="Search messages" />
      <div className="panel__body">
        <input type="search" autoFocus placeholder="Search your conversations" aria-label="Search messages"
               value={query} onChange={e => setQuery(e.target.value)} />
        <ul className="search-hits" aria-label="Results">
          {hits?.map(hit => (
            <li key={`${hit.conversationId}:${hit.seq}`}>
              <a href={`/c/${hit.conversationId}`} className="search-hit"
                 onClick={e => { e.preventDefault(); store.openAt(hit.conversationId, hit.seq); }}>
                <span className="search-hit__meta">
                  <strong>{store.conversationName(hit.conversationId)}</strong> · {hit.senderName ?? store.nameOf(hit.senderId)}
                  {' · '}<time dateTime={hit.sentAt} title={formatFull(hit.sentAt)}>{formatWhen(hit.sentAt)}</time>
                </span>
                <span className="search-hit__text">{highlight(hit.snippet.text, hit.snippet.highlights)}</span>
              </a>
            </li>
          ))}
          {hits?.length === 0 && <li className="hint">No messages match.</li>}
        </ul>
      </div>
    </section>
  );
}

function highlight(text: string, ranges: { start: number; end: number }[]): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  [...ranges].sort((a, b) => a.start - b.start).forEach((range, i) => {
    if (range.start < at || range.end > text.length) return;
    out.push(text.slice(at, range.start));
    out.push(<mark key={i}>{text.slice(range.start, range.end)}</mark>);
    at = range.end;
  });
  out.push(text.slice(at));
  return out;
}
