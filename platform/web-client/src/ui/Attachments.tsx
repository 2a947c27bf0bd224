import { useEffect, useState } from 'react';
import { attachmentBlobUrl } from '../api/http';
import type { AttachmentRef } from '../api/types';
import { Modal } from './common';
import { formatSize } from './format';
import { Icon } from './icons';

/** Images as thumbnails that open a viewer, other files as download cards. Fetched with the token, shown as blobs. */
export function AttachmentList({ attachments }: { attachments: AttachmentRef[] }) {
  if (!attachments.length) return null;
  return (
    <div className="attachments">
      {attachments.map(a => (a.hasThumbnail || a.contentType?.startsWith('image/')
        ? <ImageAttachment key={a.id} attachment={a} />
        : <FileCard key={a.id} attachment={a} />))}
    </div>
  );
}

function useBlobUrl(id: string, thumbnail: boolean, enabled = true): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    if (!enabled) return;
    let url: string | null = null;
    let cancelled = false;
    attachmentBlobUrl(id, thumbnail).then(made => {
      url = made;
      if (cancelled) URL.revokeObjectURL(made);
      else setState({ url: made, failed: false });
    }).catch(() => { if (!cancelled) setState({ url: null, failed: true }); });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, thumbnail, enabled]);
  return state;
}

function ImageAttachment({ attachment }: { attachment: AttachmentRef }) {
  const [viewing, setViewing] = useState(false);
  const thumb = useBlobUrl(attachment.id, attachment.hasThumbnail);
  const ratio = attachment.width && attachment.height ? attachment.width / attachment.height : 4 / 3;
  const width = Math.min(320, attachment.width ?? 320);
  return (
    <>
      <button className="image-attachment" onClick={() => setViewing(true)} aria-label={`View image ${attachment.name}`}
              style={{ width, aspectRatio: String(ratio) }}>
        {thumb.url
          ? <img src={thumb.url} alt={attachment.name} className="thumbnail" data-testid="thumbnail" />
          : <span className="image-attachment__placeholder">{thumb.failed ? attachment.name : 'Loading image…'}</span>}
      </button>
      {viewing && <ImageViewer attachment={attachment} onClose={() => setViewing(false)} />}
    </>
  );
}

function ImageViewer({ attachment, onClose }: { attachment: AttachmentRef; onClose(): void }) {
  const full = useBlobUrl(attachment.id, false);
  return (
    <Modal title={attachment.name} onClose={onClose} wide>
      <div className="image-viewer">
        {full.url ? <img src={full.url} alt={attachment.name} />
          : <p role="status">{full.failed ? 'The image could not be loaded.' : 'Loading…'}</p>}
        {full.url && <a className="chip" href={full.url} download={attachment.name}>Download</a>}
      </div>
    </Modal>
  );
}

function FileCard({ attachment }: { attachment: AttachmentRef }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const url = await attachmentBlobUrl(attachment.id, false);
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.name;
      link.rel = 'noopener';
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="file-card">
      <span className="file-card__icon"><Icon name="file" size={24} /></span>
      <span className="file-card__text">
        <span className="file-card__name">{attachment.name}</span>
        <span className="hint">{formatSize(attachment.size)}</span>
      </span>
      <button className="chip" onClick={download} disabled={busy} aria-label={`Download ${attachment.name}`}>
        {busy ? '…' : 'Download'}
      </button>
    </div>
  );
}
