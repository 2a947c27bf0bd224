import { useCallback, useRef, useState } from 'react';
import { uploadAttachment } from '../api/http';
import type { AttachmentRef } from '../api/types';
import { describe } from '../state/store';

export interface Upload {
  key: number;
  name: string;
  progress: number;
  done?: AttachmentRef;
  error?: string;
}

export interface Uploads {
  items: Upload[];
  add(files: File[]): void;
  remove(key: number): void;
  clear(): void;
  ready: AttachmentRef[];
  busy: boolean;
}

const MAX_ATTACHMENTS = 10;
let counter = 0;

/** Files being uploaded for the next message, each with its progress; they are attached once all are done. */
export function useUploads(): Uploads {
  const [items, setItems] = useState<Upload[]>([]);

  const update = (key: number, change: Partial<Upload>) =>
    setItems(current => current.map(u => (u.key === key ? { ...u, ...change } : u)));

  const count = useRef(0);
  count.current = items.length;

  const add = useCallback((files: File[]) => {
    const accepted = files.slice(0, Math.max(0, MAX_ATTACHMENTS - count.current))
      .map(file => ({ key: ++counter, name: file.name || 'file', progress: 0, file }));
    count.current += accepted.length;
    setItems(current => [...current, ...accepted.map(({ key, name, progress }) => ({ key, name, progress }))]);
    accepted.forEach(({ key, file }) => {
      uploadAttachment(file, progress => update(key, { progress }))
        .then(done => update(key, { done, progress: 1 }))
        .catch(error => update(key, { error: describe(error) }));
    });
  }, []);

  return {
    items,
    add,
    remove: key => setItems(current => current.filter(u => u.key !== key)),
    clear: () => setItems([]),
    ready: items.flatMap(u => (u.done ? [u.done] : [])),
    busy: items.some(u => !u.done && !u.error),
  };
}
