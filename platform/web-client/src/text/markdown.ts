/**
 * The Markdown subset messages use: **bold**, *italic* or _italic_, `code`, [label](url) and bare https:// links.
 * It parses text into a small tree that the UI renders as elements; user text never becomes HTML.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'bold'; children: Inline[] }
  | { kind: 'italic'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

const SAFE_SCHEMES = ['http:', 'https:', 'mailto:'];

/** The link target if its scheme is one we let people click (no javascript:, data:, vbscript:...), else null. */
export function safeHref(raw: string): string | null {
  const candidate = raw.trim();
  if (candidate.length === 0 || candidate.length > 2048) return null;
  try {
    const url = new URL(candidate);
    return SAFE_SCHEMES.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const BARE_URL = /^https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"\]]/;

/** Bodies parsed lately, newest last: a row that re-renders or scrolls back into view is not parsed again. */
const parsed = new Map<string, Inline[]>();
const PARSED_KEPT = 2000;

/** The body's tree, parsed once per distinct body (kept for the last PARSED_KEPT bodies); never change it. */
export function parseMarkdown(source: string): Inline[] {
  const known = parsed.get(source);
  if (known) {
    parsed.delete(source);
    parsed.set(source, known);
    return known;
  }
  const tree = mergeText(parse(source, 0));
  parsed.set(source, tree);
  if (parsed.size > PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
  return tree;
}

function parse(source: string, depth: number): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const c = source[i];
    if (c === '\\' && i + 1 < source.length && '\\`*_[]()'.includes(source[i + 1])) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (depth < 4 && rest.startsWith('**')) {
      const end = source.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: 'bold', children: parse(source.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }
    if (depth < 4 && (c === '*' || c === '_') && i + 1 < source.length && !/\s/.test(source[i + 1])
        && (c === '*' || i === 0 || !/\w/.test(source[i - 1]))) {
      const end = findClosing(source, i + 1, c);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'italic', children: parse(source.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[' && depth < 4) {
      const close = source.indexOf('](', i + 1);
      const end = close < 0 ? -1 : source.indexOf(')', close + 2);
      if (close > i + 1 && end > close + 2 && !source.slice(i + 1, close).includes('[')) {
        const href = safeHref(source.slice(close + 2, end));
        flush();
        const label = parse(source.slice(i + 1, close), depth + 1);
        // An unsafe target keeps its label as plain text and loses the link.
        if (href) out.push({ kind: 'link', href, children: label });
        else out.push(...label);
        i = end + 1;
        continue;
      }
    }
    if ((c === 'h' || c === 'H') && (i === 0 || !/\w/.test(source[i - 1]))) {
      const match = BARE_URL.exec(rest);
      const href = match ? safeHref(match[0]) : null;
      if (match && href) {
        flush();
        out.push({ kind: 'link', href, children: [{ kind: 'text', text: match[0] }] });
        i += match[0].length;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  flush();
  return out;
}

/** A closing single marker that is not preceded by whitespace and (for _) not followed by a word character. */
function findClosing(source: string, from: number, marker: string): number {
  for (let j = from; j < source.length; j++) {
    if (source[j] === '\\') {
      j++;
      continue;
    }
    if (source[j] === marker && !/\s/.test(source[j - 1])) {
      if (marker === '*' && source[j + 1] === '*') {
        j++;
        continue;
      }
      if (marker === '_' && j + 1 < source.length && /\w/.test(source[j + 1])) continue;
      return j;
    }
  }
  return -1;
}

function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.kind === 'text' && last && last.kind === 'text') {
      out[out.length - 1] = { kind: 'text', text: last.text + node.text };
    } else {
      out.push(node);
    }
  }
  return out;
}

const PREVIEW_LENGTH = 140;

/**
 * A message as the conversation list shows it: plain text, white space run together, at most 140 characters (no
 * surrogate pair cut). history-service's PlainTextPreview gives the same for the previews it lists.
 */
export function previewOf(source: string): string {
  const text = plainText(source).replace(/\s+/g, ' ').trim();
  if (text.length <= PREVIEW_LENGTH) return text;
  const end = /[\uD800-\uDBFF]/.test(text[PREVIEW_LENGTH - 1]) ? PREVIEW_LENGTH - 1 : PREVIEW_LENGTH;
  return text.slice(0, end);
}

/** The plain text of a message, for previews and notifications. */
export function plainText(source: string): string {
  return flatten(parseMarkdown(source));
}

function flatten(nodes: Inline[]): string {
  return nodes.map(n => (n.kind === 'text' || n.kind === 'code' ? n.text : flatten(n.children))).join('');
}
