import { describe, expect, it } from '@jest/globals';
import { html, jsonForScript, trustedHtml } from './html.js';

describe('html templates', () => {
  it('escapes interpolated text, including quotes in attributes', () => {
    const name = `<script>alert("x")</script>' onload='x`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x</p>',
    );
  });

  it('nests templates and lists without escaping them twice, and drops empty values', () => {
    const items = ['a&b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
  });

  it('passes trusted sanitiser output through as is', () => {
    expect(html`<div>${trustedHtml('<em>ok</em>')}</div>`.value).toBe('<div><em>ok</em></div>');
  });

  it('keeps JSON-LD from closing its script element', () => {
    expect(jsonForScript({ name: '</script><script>' }).value).not.toContain('</script>');
  });
});
