import { describe, expect, it } from '@jest/globals';
import { findMentions, imagesAsLinks, markdownToText, renderMarkdown } from './render-markdown.js';

describe('renderMarkdown', () => {
  it('renders ordinary markdown', () => {
    expect(renderMarkdown('**Restart** the phone, then `*#06#`').html).toBe(
      '<p><strong>Restart</strong> the phone, then <code>*#06#</code></p>\n',
    );
  });

  it.each([
    ['<script>alert(1)</script>', /<script/i],
    ['<img src=x onerror=alert(1)>', /<img[^>]*onerror/i],
    ['[click](javascript:alert(1))', /href="javascript:/i],
    ['[click](JaVaScRiPt:alert(1))', /href="javascript:/i],
    ['![x](javascript:alert(1))', /src="javascript:/i],
    ['<a href="https://x" onclick="steal()">x</a>', /<a[^>]*onclick/i],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)', /href="data:/i],
    ['<iframe src="https://evil.example"></iframe>', /<iframe/i],
  ])('never lets %s through as live HTML (at most as visible text)', (source, liveHtml) => {
    expect(renderMarkdown(source).html).not.toMatch(liveHtml);
  });

  it('marks external links as user content that is not followed', () => {
    const { html, hasLinks } = renderMarkdown('See [the guide](https://partner.example/guide)');
    expect(html).toContain('<a href="https://partner.example/guide" rel="nofollow ugc noopener" target="_blank">');
    expect(hasLinks).toBe(true);
  });

  it('leaves internal links alone', () => {
    const { html, hasLinks } = renderMarkdown('See [thread](/t/abc)');
    expect(html).toContain('<a href="/t/abc">');
    expect(hasLinks).toBe(false);
  });

  it('marks referral links as sponsored and not followed', () => {
    const { html } = renderMarkdown('Sign up via [partner.example](/r/ab3cd4ef5g) today', { siteHost: 'help.example' });
    expect(html).toContain('<a href="/r/ab3cd4ef5g" rel="sponsored nofollow">');
    expect(renderMarkdown('[x](https://help.example/r/ab3cd4ef5g)', { siteHost: 'help.example' }).html).toContain(
      'rel="sponsored nofollow"',
    );
    expect(renderMarkdown('[rules](/r/about)').html).toContain('<a href="/r/about">');
  });

  it('links mentions of existing users only', () => {
    const { html, mentions } = renderMarkdown('Thanks @Alice_1 and @ghost, mail a@b.com', {
      knownHandles: new Set(['alice_1']),
    });
    expect(html).toContain('<a href="/u/alice_1">@Alice_1</a>');
    expect(html).not.toContain('/u/ghost');
    expect(mentions).toEqual(['alice_1', 'ghost']);
  });

  it('keeps Chinese text intact', () => {
    expect(renderMarkdown('重启手机后 **再试**').html).toBe('<p>重启手机后 <strong>再试</strong></p>\n');
  });

  it('extracts mentions and plain text', () => {
    expect(findMentions('hi @bob, @BOB and @al')).toEqual(['bob']);
    expect(markdownToText('# Title\n\nSome *text* <b>x</b>')).toBe('Title Some text &lt;b&gt;x&lt;/b&gt;');
  });

  it('links bare text only with a scheme or www., never file names', () => {
    const { html } = renderMarkdown('Edit README.md or defrag-ops.py, see www.example.org and https://example.org/a');
    expect(html).toContain('Edit README.md or defrag-ops.py,');
    expect(html).not.toContain('href="http://README.md"');
    expect(html).not.toContain('defrag-ops.py</a>');
    expect(html).toContain(
      '<a href="http://www.example.org" rel="nofollow ugc noopener" target="_blank">www.example.org</a>',
    );
    expect(html).toContain('<a href="https://example.org/a" rel="nofollow ugc noopener" target="_blank">');
  });

  it('resolves protocol-relative links and images to https instead of dropping them', () => {
    const { html } = renderMarkdown('[docs](//example.org/docs) ![logo](//i.example.org/x.png) //cdn.example.org/f');
    expect(html).toContain('<a href="https://example.org/docs" rel="nofollow ugc noopener" target="_blank">docs</a>');
    expect(html).toContain('<img src="https://i.example.org/x.png" alt="logo" />');
    expect(html).toContain('<a href="https://cdn.example.org/f"');
  });

  it('keeps images uploaded to this site as images where remote images become links', () => {
    const { html } = renderMarkdown(
      '![ours](/files/posts/0123456789abcdef01234567/ab12.png) ![theirs](https://tracker.example.org/p.gif)',
    );
    const shown = imagesAsLinks(html);
    expect(shown).toContain('<img src="/files/posts/0123456789abcdef01234567/ab12.png" alt="ours" />');
    expect(shown).not.toContain('tracker.example.org/p.gif" alt');
    expect(shown).toContain(
      '<a href="https://tracker.example.org/p.gif" rel="nofollow ugc noopener" target="_blank">theirs</a>',
    );
  });
});
