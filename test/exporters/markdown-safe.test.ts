/**
 * Property tests for the escaping of bodies (markdown-safe.ts at export, markdown-escape.ts in turndown):
 * whatever text a post holds, no tag, script link or template opener survives outside code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isDangerousUrl, safeMarkdownBody } from '../../src/exporters/markdown-safe.ts';
import { listMarkdownLinks } from '../../src/exporters/links.ts';
import { escapeMarkdownText } from '../../src/scrapers/extract/markdown-escape.ts';

const PIECES = ['<script>', '</script>', '<img src=x onerror=a()>', '<!--', '<?php', '&lt;', '&#60;', '&amp;', '[x](', 'javascript:alert(1)', 'JaVaScRiPt:', 'data:text/html,', 'vbscript:', ')', ']', '[', '{{<', '>}}', '{{%', '%}}', '{{', '}}', '{%', '%}', '\\', '`', '``', '```\n', '\n', ' ', 'a', 'é', '#', '- ', '> '];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));

/** The parts of `md` outside fenced blocks and code spans (the same split a CommonMark reader makes, roughly). */
function outsideCode(md: string): string {
  let fence = false;
  const kept: string[] = [];
  for (const line of md.split('\n')) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(line)) { fence = !fence; continue; }
    if (!fence) kept.push(line);
  }
  // A span opens with a whole backtick run and closes at the nearest run of that length.
  return kept.join('\n').replace(/(?<!`)(`+)(?!`)[\s\S]*?\1/g, ' ');
}

/** Drops backslash-escaped characters: `\<` is text in every renderer. */
const unescaped = (s: string) => s.replace(/\\[\s\S]/g, '\u0001');

test('safeMarkdownBody: no tag, script link or template opener outside code, in every layout', () => {
  fc.assert(fc.property(text, fc.constantFrom('flat', 'hugo', 'jekyll' as const), (md, layout) => {
    const out = safeMarkdownBody(md, layout as 'flat' | 'hugo' | 'jekyll');
    const body = layout === 'jekyll' ? out.replace(/^\{% raw %\}\n/, '').replace(/\n\{% endraw %\}$/, '') : out;
    const plain = unescaped(outsideCode(body));
    assert.doesNotMatch(plain, /<[A-Za-z/!?]/);
    if (layout !== 'jekyll') assert.doesNotMatch(plain, /\{[{%]/);
    for (const l of listMarkdownLinks(out)) assert.equal(isDangerousUrl(l.dest), false, l.dest);
  }), { numRuns: 400, seed: 15 });
});

test('escapeMarkdownText: text never opens a tag, an entity or a link', () => {
  fc.assert(fc.property(text, (t) => {
    const plain = unescaped(escapeMarkdownText(t));
    assert.doesNotMatch(plain, /<[A-Za-z/!?]/);
    assert.doesNotMatch(plain, /&#?[A-Za-z0-9]+;/);
    assert.doesNotMatch(plain, /\][([:]/);
  }), { numRuns: 400, seed: 15 });
});

test('isDangerousUrl: script schemes in any spelling browsers accept; http(s) and relative never', () => {
  for (const u of ['javascript:a()', ' JAVASCRIPT:a()', 'java\tscript:a()', 'jav&#x61;script:a()', '&#106;avascript:a()', 'vbscript:x', 'data:text/html,x', 'javascript%3Aa()']) assert.equal(isDangerousUrl(u), true, u);
  for (const u of ['http://a/', 'https://a/javascript:', '/javascript:x', 'mailto:a@b', '#x', 'page/']) assert.equal(isDangerousUrl(u), false, u);
});
