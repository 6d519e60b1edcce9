import { describe, expect, it } from '@jest/globals';
import { decodeEntities } from './html-fragment.js';
import { htmlToMarkdown } from './html-to-markdown.js';
import { renderMarkdown } from './render-markdown.js';

// Bodies shaped like the ones Stack Exchange renders (written for this test).
describe('htmlToMarkdown', () => {
  it.each([
    ['<p>Restart the <em>phone</em>, then <strong>wait</strong>.</p>', 'Restart the *phone*, then **wait**.'],
    ['<p>One</p>\n\n<p>Two</p>', 'One\n\nTwo'],
    ['<p><em> spaced </em>words</p>', '*spaced* words'],
    ['<p>Line one<br>line two<br/></p>', 'Line one\\\nline two'],
    [
      '<p>See <a href="https://example.org/help" title="Help">the help</a>.</p>',
      'See [the help](https://example.org/help "Help").',
    ],
    ['<p><a href="https://example.org/a_(b) c">x</a></p>', '[x](<https://example.org/a_(b) c>)'],
    ['<p><a href="javascript:alert(1)">click</a></p>', 'click'],
    ['<p><a href="//example.org/help">help</a></p>', '[help](https://example.org/help)'],
    ['<p><img src="//i.example.org/x.png" alt="x"></p>', '![x](https://i.example.org/x.png)'],
    ['<p>Use <code>a_b</code> and <code>`x`</code></p>', 'Use `a_b` and `` `x` ``'],
    ['<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd></p>', 'Press `Ctrl`+`C`'],
    ['<h2>Setup <em>guide</em></h2>', '## Setup *guide*'],
    ['<blockquote>\n  <p>Quoted</p>\n  <p>Twice</p>\n</blockquote>', '> Quoted\n>\n> Twice'],
    ['<ul>\n<li>one</li>\n<li>two\n<ul><li>nested</li></ul></li>\n</ul>', '- one\n- two\n  - nested'],
    ['<ol start="3"><li><p>first</p></li><li><p>second</p></li></ol>', '3. first\n\n4. second'],
    ['<p>Before</p><hr><p>After</p>', 'Before\n\n***\n\nAfter'],
    [
      '<p><img src="https://i.example.org/x.png" alt="A screen" title="t"></p>',
      '![A screen](https://i.example.org/x.png "t")',
    ],
    ['<p>Old <strike>news</strike></p>', 'Old ~~news~~'],
    ['<p>H<sub>2</sub>O and x<sup>2</sup></p>', 'H2O and x2'],
    ['<p>Why?<script>alert(1)</script></p>', 'Why?'],
    [
      '<table><tr><th>Plan</th><th>Price</th></tr><tr><td>A | B</td><td>5</td></tr></table>',
      '| Plan | Price |\n| --- | --- |\n| A \\| B | 5 |',
    ],
  ])('converts %s', (html, markdown) => {
    expect(htmlToMarkdown(html)).toBe(markdown);
  });

  it('keeps code blocks verbatim with their language', () => {
    const html =
      '<pre class="lang-js prettyprint-override"><code>if (a &lt; 2 &amp;&amp; b) {\n  run(`x`);\n}\n</code></pre>';
    expect(htmlToMarkdown(html)).toBe('```js\nif (a < 2 && b) {\n  run(`x`);\n}\n```');
    expect(htmlToMarkdown('<!-- language: lang-py -->\n<pre><code>print(1)\n</code></pre>')).toBe(
      '```py\nprint(1)\n```',
    );
    expect(htmlToMarkdown('<pre><code>```\nfenced\n```</code></pre>')).toBe('````\n```\nfenced\n```\n````');
  });

  it('escapes text that Markdown would read as syntax', () => {
    expect(htmlToMarkdown('<p>*not bold* [not a link] &lt;b&gt; &amp;amp; snake_case _x_</p>')).toBe(
      '\\*not bold\\* \\[not a link\\] \\<b\\> \\&amp; snake_case \\_x\\_',
    );
    expect(htmlToMarkdown('<p>1. not a list<br>- nor this<br># nor a heading</p>')).toBe(
      '1\\. not a list\\\n\\- nor this\\\n\\# nor a heading',
    );
  });

  it.each([
    '<p>Press <kbd>Ctrl</kbd> &amp; read <a href="https://example.org/x?a=1&amp;b=2">this</a> * twice *</p>',
    '<ul><li><p>Loose <em>item</em></p></li><li><p>Another with <code>&lt;tag&gt;</code></p></li></ul>',
    '<blockquote><p>« Citation » — <strong>auteur</strong></p></blockquote><p>1) suite &#233;t&#233;</p>',
    '<h3>Title</h3><pre><code>&lt;div&gt;&amp;nbsp;&lt;/div&gt;</code></pre><p>x<br>y</p>',
  ])('renders back to the same text and structure: %s', (html) => {
    const { html: rendered } = renderMarkdown(htmlToMarkdown(html));
    const textOf = (s: string) =>
      decodeEntities(s.replace(/<[^>]+>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim();
    const tagsOf = (s: string) => [...s.matchAll(/<(\w+)/g)].map((m) => m[1]).filter((t) => t !== 'br');
    const original = html.replace(/<kbd>/g, '<code>').replace(/<\/kbd>/g, '</code>');
    expect(textOf(rendered)).toBe(textOf(original));
    expect(tagsOf(rendered)).toEqual(tagsOf(original));
  });
});
