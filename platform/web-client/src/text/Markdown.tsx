import { Fragment, memo, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from './markdown';

/**
 * Renders a message body as React elements: text stays text, links open safely in a new tab. Memoised on the body,
 * whose tree parseMarkdown keeps, so an unchanged message costs nothing to show again.
 */
export const Markdown = memo(function Markdown({ source, plain }: { source: string; plain?: boolean }) {
  if (plain) return <>{source}</>;
  return <>{render(parseMarkdown(source))}</>;
});

function render(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.kind) {
      case 'text':
        return <Fragment key={index}>{node.text}</Fragment>;
      case 'code':
        return <code key={index}>{node.text}</code>;
      case 'bold':
        return <strong key={index}>{render(node.children)}</strong>;
      case 'italic':
        return <em key={index}>{render(node.children)}</em>;
      case 'link':
        return (
          <a key={index} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
            {render(node.children)}
          </a>
        );
    }
  });
}
