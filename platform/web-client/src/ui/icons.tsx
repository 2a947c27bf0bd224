/** Small inline SVG icons (emoji fonts are not everywhere); decorative: the buttons carry the labels. */
const paths = {
  attach: 'M16.5 6.5l-8.2 8.2a2 2 0 0 0 2.8 2.8l8.5-8.5a4 4 0 0 0-5.7-5.7L5.4 11.8a6 6 0 0 0 8.5 8.5l6.6-6.6',
  bell: 'M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8M10 20a2 2 0 0 0 4 0',
  bellOff: 'M6 8a6 6 0 0 1 10.5-4M18 9c.2 5.4 3 7 3 7H7M10 20a2 2 0 0 0 4 0M3 3l18 18',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  edit: 'M4 20h4L19 9l-4-4L4 16v4M13 7l4 4',
  reply: 'M10 7L4 12l6 5M4 12h10a6 6 0 0 1 6 6',
  thread: 'M4 5h16v10H9l-5 4z M8 9h8 M8 12h5',
  info: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20M12 11v6M12 7.5v.5',
  file: 'M14 3H6v18h12V7l-4-4M14 3v4h4',
  chat: 'M4 5h16v11H9l-5 4V5',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14M21 21l-5-5',
  unread: 'M4 6h16v12H4V6M4 6l8 7 8-7',
};

export function Icon({ name, size = 18 }: { name: keyof typeof paths; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2}
         strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={paths[name]} />
    </svg>
  );
}
