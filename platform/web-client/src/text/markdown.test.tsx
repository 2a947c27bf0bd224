import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { parseMarkdown, plainText, safeHref } from './markdown';
import { Markdown } from './Markdown';

const html = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

describe('the Markdown subset', () => {
  it('renders bold, italic, code and links as elements', () => {
    expect(html('**bold** and *it* and _it2_ and `x<y`')).toBe(
      '<strong>bold</strong> and <em>it</em> and <em>it2</em> and <code>x&lt;y</code>');
    expect(html('[site](https://example.org/a?b=1)')).toBe(
      '<a href="https://example.org/a?b=1" target="_blank" rel="noopener noreferrer nofollow">site</a>');
  });

  it('links bare https URLs without trailing punctuation', () => {
    expect(html('see https://example.org/x.')).toBe(
      'see <a href="https://example.org/x" target="_blank" rel="noopener noreferrer nofollow">https://example.org/x</a>.');
  });

  it('never lets markup through', () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    expect(html(payload)).toBe('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html('**<b>x</b>**')).toBe('<strong>&lt;b&gt;x&lt;/b&gt;</strong>');
  });

  it('drops links with unsafe schemes and keeps their label as text', () => {
    expect(html('[click](javascript:alert(1))')).toBe('click)');
    expect(html('[x](data:text/html,hi)')).toBe('x');
    expect(html('[x](JaVaScRiPt:alert(1))')).not.toContain('href');
    expect(safeHref('vbscript:msgbox')).toBeNull();
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
  });

  it('leaves snake_case words and lone markers alone', () => {
    expect(plainText('snake_case_name and 2 * 3 * 4')).toBe('snake_case_name and 2 * 3 * 4');
    expect(parseMarkdown('a ** b')).toEqual([{ kind: 'text', text: 'a ** b' }]);
  });

  it('honours backslash escapes', () => {
    expect(html('\\*not italic\\*')).toBe('*not italic*');
  });
});

describe('parsing cost', () => {
  it('parses each body once: the same body gives back the same tree', () => {
    const body = 'see **this** and https://example.org/once';
    expect(parseMarkdown(body)).toBe(parseMarkdown(body));
    expect(parseMarkdown(`${body}!`)).not.toBe(parseMarkdown(body));
  });
});
