import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportMarkdown, toMarkdownFiles } from '../../src/exporters/markdown.ts';
import { splitFrontMatter } from '../../src/exporters/front-matter.ts';
import { listMarkdownLinks } from '../../src/exporters/links.ts';
import { writeOutputFiles } from '../../src/exporters/write.ts';
import { assertFrontMatterMatches, assertLinksResolve, byPath, fileFor, relativeLinks, text } from './check-output.ts';
import { HOST, input, post, term } from './records.ts';

const LAYOUTS = ['flat', 'hugo', 'jekyll'] as const;
const IMG = `${HOST}/innovation/files/2013/06/bild.jpg`;

function site() {
  const strategi = post({
    slug: 'en-nationell-innovationsstrategi-–-ja-tack',
    title: 'En nationell innovationsstrategi – ja tack!',
    categories: [term('innovation', 'Om innovation', 'om-innovation'), term('innovation', 'EU', 'eu')],
    aliases: [`${HOST}/innovation/eu/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/`, `${HOST}/innovation/?p=7`],
    contentMarkdown: `Se ![Anna Andersson. Foto: Regeringskansliet](${IMG} "Anna") och [kategorin](${HOST}/innovation/category/eu/).`,
    images: [{ url: IMG, alt: 'Anna Andersson. Foto: Regeringskansliet', caption: 'Anna Andersson.', credit: 'Foto: Regeringskansliet' }],
  });
  // Links to the strategy post in every spelling a WordPress body may hold.
  const spellings = [
    `${HOST}/innovation/om-innovation/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/`,
    `https://www.naringsbloggen.se/innovation/om-innovation/en-nationell-innovationsstrategi-%e2%80%93-ja-tack/`,
    `http://naringsbloggen.se/innovation/om-innovation/en-nationell-innovationsstrategi-–-ja-tack`,
    `/innovation/eu/en-nationell-innovationsstrategi-%E2%80%93-ja-tack/#comments`,
    `${HOST}/innovation/?p=7`,
  ];
  const hanvisning = post({
    slug: 'hanvisning',
    blog: 'livsmedel',
    published: '2016-11-02T09:00:00+01:00',
    categories: [term('livsmedel', 'Livsmedelsstrategin', 'livsmedelsstrategin')],
    contentMarkdown: `${spellings.map((u, i) => `[länk ${i}](${u})`).join('\n\n')}\n\n[bloggen](${HOST}/livsmedel/) [extern](https://www.regeringen.se/) [okänd](/livsmedel/tag/mat/)`,
    comments: [
      { id: '1', author: 'Bo', published: '2016-11-03', text: 'Första', parentId: null },
      { id: '2', author: 'Cilla', published: '2016-11-04', text: 'Svar till Bo', parentId: '1' },
      { id: '3', author: 'Dan', published: null, text: 'Svar till Cilla', parentId: '2' },
      { id: '4', author: 'Eva', published: null, text: 'Föräldralös', parentId: '99' },
    ],
  });
  const om = post({ slug: 'om', url: `${HOST}/innovation/om/`, title: 'Om bloggen', published: null, categories: [] });
  return input([hanvisning, strategi], [om]);
}

test('one file per post and page, in the documented place for each layout', () => {
  const expected = {
    flat: ['innovation/2013/06/en-nationell-innovationsstrategi-–-ja-tack.md', 'livsmedel/2016/11/hanvisning.md', 'innovation/pages/om.md'],
    hugo: ['content/innovation/2013/en-nationell-innovationsstrategi-–-ja-tack/index.md', 'content/livsmedel/2016/hanvisning/index.md', 'content/innovation/pages/om/index.md'],
    jekyll: ['innovation/_posts/2013-06-05-en-nationell-innovationsstrategi-–-ja-tack.md', 'livsmedel/_posts/2016-11-02-hanvisning.md', 'innovation/pages/om.md'],
  };
  for (const layout of LAYOUTS) {
    const data = site();
    const files = toMarkdownFiles(data, { layout, images: 'link' });
    const [hanvisning, strategi] = data.posts as [typeof data.posts[0], typeof data.posts[0]];
    assert.deepEqual([fileFor(files, strategi.url).path, fileFor(files, hanvisning.url).path, fileFor(files, data.pages[0]!.url).path], expected[layout], layout);
    for (const r of [...data.posts, ...data.pages]) assertFrontMatterMatches(fileFor(files, r.url), r, layout);
  }
});

test('a single-blog jekyll site has one _posts folder; undated posts go to undated/ (Jekyll builds no _drafts)', () => {
  const data = input([post({ slug: 'a' }), post({ slug: 'b', published: null })]);
  assert.deepEqual(toMarkdownFiles(data, { layout: 'jekyll', images: 'link' }).map((f) => f.path).filter((p) => /^(_posts|undated)\//.test(p)), ['_posts/2013-06-05-a.md', 'undated/b.md']);
  assert.ok(toMarkdownFiles(data, { layout: 'flat', images: 'link' }).some((f) => f.path === 'innovation/undated/b.md'));
});

test('links to an archived post in any spelling, alias or relative form become its file (flat) or URL (hugo, jekyll)', () => {
  for (const layout of LAYOUTS) {
    const data = site();
    const files = toMarkdownFiles(data, { layout, images: 'link' });
    const from = fileFor(files, data.posts[0]!.url);
    const target = fileFor(files, data.posts[1]!.url).path;
    const links = listMarkdownLinks(text(from));
    const resolved = new Map(relativeLinks([from], files).map((l) => [l.dest, l.target]));
    for (let i = 0; i < 5; i++) {
      const l = links.find((x) => x.text === `länk ${i}`)!;
      assert.equal(resolved.get(l.dest), target, `${layout}: link ${i} (${l.dest})`);
    }
    assert.match(links.find((x) => x.text === 'länk 3')!.dest, /#comments$/, 'the fragment is kept');
    // The blog home becomes the blog index; other sites stay; unknown old-site paths become absolute old URLs.
    assert.match(resolved.get(links.find((x) => x.text === 'bloggen')!.dest) ?? '', /(^|\/)_?index\.md$/);
    assert.equal(links.find((x) => x.text === 'extern')!.dest, 'https://www.regeringen.se/');
    assert.equal(links.find((x) => x.text === 'okänd')!.dest, `${HOST}/livsmedel/tag/mat/`);
    assertLinksResolve(files);
  }
});

test('--images copy: uploads are copied and linked; hugo keeps them in the bundle', () => {
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  for (const layout of LAYOUTS) {
    const data = site();
    const r = exportMarkdown(data, { layout, images: 'copy', imageBytes: new Map([[IMG.replace('http:', 'https:'), bytes]]) });
    assert.deepEqual(r.copied, [IMG]);
    assert.deepEqual(r.missing, []);
    const post = fileFor(r.files, data.posts[1]!.url);
    const img = relativeLinks([post], r.files).filter((l) => l.isImage);
    assert.equal(img.length, 1);
    const copied = byPath(r.files).get(img[0]!.target);
    assert.ok(copied, `${layout}: image link ${img[0]!.dest} points at no output file`);
    assert.deepEqual(copied.contents, bytes);
    // Hugo publishes a bundle's files beside the page, at the page's URL.
    if (layout === 'hugo') assert.equal(img[0]!.dest, `${splitFrontMatter(text(post)).data!.url as string}bild.jpg`.replace('–', '%E2%80%93'));
    assert.match(text(post), /!\[Anna Andersson\. Foto: Regeringskansliet\]\([^)]+ "Anna"\)/, 'alt text and title kept');
    assertLinksResolve(r.files);
  }
});

test('--images copy: an upload missing from the archive keeps its URL and is reported', () => {
  const r = exportMarkdown(site(), { layout: 'flat', images: 'copy', imageBytes: new Map() });
  assert.deepEqual(r.missing, [IMG]);
  assert.ok(!r.files.some((f) => f.path.endsWith('.jpg')));
  assert.ok(listMarkdownLinks(text(fileFor(r.files, site().posts[1]!.url))).some((l) => l.isImage && l.dest === IMG));
});

test('--images link keeps the original URL; --images none drops images and keeps link text', () => {
  const data = site();
  data.posts[1]!.contentMarkdown += `\n\n[ladda ner rapporten](${HOST}/innovation/files/2013/06/rapport.pdf)`;
  const linked = text(fileFor(toMarkdownFiles(data, { layout: 'flat', images: 'link' }), data.posts[1]!.url));
  assert.ok(listMarkdownLinks(linked).some((l) => l.isImage && l.dest === IMG));
  const none = text(fileFor(toMarkdownFiles(data, { layout: 'flat', images: 'none' }), data.posts[1]!.url));
  assert.ok(!listMarkdownLinks(none).some((l) => l.isImage), 'no image left');
  assert.ok(!none.includes('/files/'), 'no upload URL left');
  assert.match(none, /ladda ner rapporten/);
});

test('comments come last, threaded by nesting; an orphan reply is shown at the top level', () => {
  const data = site();
  const body = splitFrontMatter(text(fileFor(toMarkdownFiles(data, { layout: 'flat', images: 'link' }), data.posts[0]!.url))).body;
  const section = body.slice(body.indexOf('## Comments'));
  assert.ok(body.indexOf('## Comments') > body.indexOf('länk 4'), 'after the body');
  const indentOf = (name: string): number => {
    const line = section.split('\n').find((l) => l.includes(`**${name}**`));
    assert.ok(line, `no comment by ${name}`);
    return line.length - line.trimStart().length;
  };
  assert.equal(indentOf('Bo'), 0);
  assert.ok(indentOf('Cilla') > indentOf('Bo'));
  assert.ok(indentOf('Dan') > indentOf('Cilla'));
  assert.equal(indentOf('Eva'), 0);
  assert.match(section, /\*\*Bo\*\* · 2016-11-03\n\n  Första/);
  assert.ok(section.indexOf('Svar till Cilla') < section.indexOf('Föräldralös'), 'replies stay under their thread');
});

test('comment threads that loop or repeat ids still render every comment once', () => {
  const r = post({ slug: 'x', comments: [
    { id: 'a', author: 'A', published: null, text: 'ett', parentId: 'b' },
    { id: 'b', author: 'B', published: null, text: 'två', parentId: 'a' },
    { id: 'a', author: 'C', published: null, text: 'tre', parentId: null },
  ] });
  const md = text(toMarkdownFiles(input([r]), { layout: 'flat', images: 'link' }).find((f) => f.path.endsWith('x.md'))!);
  for (const t of ['ett', 'två', 'tre']) assert.equal(md.split(t).length, 2, t);
});

test('index files list every post per blog and per category', () => {
  const data = site();
  const files = toMarkdownFiles(data, { layout: 'flat', images: 'link' });
  const index = (p: string): string[] => relativeLinks([byPath(files).get(p)!]).map((l) => l.target);
  assert.ok(index('innovation/index.md').includes(fileFor(files, data.posts[1]!.url).path));
  assert.ok(index('innovation/index.md').includes(fileFor(files, data.pages[0]!.url).path));
  assert.deepEqual(index('innovation/categories/eu.md'), [fileFor(files, data.posts[1]!.url).path]);
  assert.deepEqual(index('livsmedel/categories/livsmedelsstrategin.md'), [fileFor(files, data.posts[0]!.url).path]);
  assert.deepEqual(index('index.md'), ['innovation/index.md', 'livsmedel/index.md']);
  // The body's link to the EU category now opens its index.
  assert.ok(index(fileFor(files, data.posts[1]!.url).path).includes('innovation/categories/eu.md'));
  assertLinksResolve(files);
});

test('two exports of the same data, in any input order, are identical bytes', () => {
  for (const layout of LAYOUTS) {
    const a = toMarkdownFiles(site(), { layout, images: 'copy', imageBytes: new Map([[IMG, Buffer.from('x')]]) });
    const shuffled = site();
    shuffled.posts.reverse();
    const b = toMarkdownFiles(shuffled, { layout, images: 'copy', imageBytes: new Map([[IMG, Buffer.from('x')]]) });
    assert.deepEqual(b, a);
    assert.ok(a.every((f) => !text(f).includes('\r')), 'LF only');
  }
});

test('hostile slugs and case/NFC twins: every file lands inside the folder, none overwrites another', async () => {
  const nfc = 'f\u00f6rslag';
  const posts = [
    post({ slug: '../../../etc/passwd', url: `${HOST}/innovation/a/..%2F..%2Fetc%2Fpasswd/` }),
    post({ slug: '/absolute', url: `${HOST}/innovation/a/%2Fabsolute/` }),
    post({ slug: 'CON', url: `${HOST}/innovation/a/CON/` }),
    post({ slug: 'nul\u0000x', url: `${HOST}/innovation/a/nul%00x/` }),
    post({ slug: 'Case', url: `${HOST}/innovation/a/Case/` }),
    post({ slug: 'case', url: `${HOST}/innovation/a/case/` }),
    post({ slug: nfc, url: `${HOST}/innovation/a/${encodeURIComponent(nfc)}/` }),
    post({ slug: nfc.normalize('NFD'), url: `${HOST}/innovation/a/${encodeURIComponent(nfc.normalize('NFD'))}/` }),
    post({ slug: 'x'.repeat(400), url: `${HOST}/innovation/a/${'x'.repeat(400)}/` }),
    post({ slug: 'dots...', url: `${HOST}/innovation/a/dots.../` }),
    post({ slug: '', title: '', url: `${HOST}/innovation/a/empty/` }),
  ];
  posts[0]!.blog = '../..';
  for (const layout of LAYOUTS) {
    const files = toMarkdownFiles(input(posts), { layout, images: 'link' });
    const md = files.filter((f) => splitFrontMatter(text(f)).data?.original_url);
    assert.equal(md.length, posts.length, `${layout}: one file per post`);
    const folded = new Set(files.map((f) => f.path.normalize('NFC').toLowerCase()));
    assert.equal(folded.size, files.length, `${layout}: two paths differ only in case or Unicode form`);
    for (const f of files) {
      for (const seg of f.path.split('/')) {
        assert.ok(seg !== '' && seg !== '.' && seg !== '..' && !/[<>:"\\|?*\u0000-\u001f]/.test(seg) && !/[. ]$/.test(seg), `${layout}: unsafe segment in ${JSON.stringify(f.path)}`);
        assert.doesNotMatch(seg.split('.')[0]!, /^(con|prn|aux|nul|com\d|lpt\d)$/i);
        assert.ok(Buffer.byteLength(seg) <= 255);
      }
    }
    const dir = await mkdtemp(join(tmpdir(), 'naring-md-'));
    try {
      await writeOutputFiles(join(dir, 'out'), files);
      const written = await readdir(join(dir, 'out'), { recursive: true, withFileTypes: true });
      assert.equal(written.filter((d) => d.isFile()).length, files.length, `${layout}: files on disk`);
      assert.deepEqual(await readdir(dir), ['out'], 'nothing written beside the output folder');
      const con = files.find((f) => splitFrontMatter(text(f)).data?.slug === 'CON')!;
      assert.equal(await readFile(join(dir, 'out', con.path), 'utf8'), con.contents);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
});

test('a 5 MB body is exported whole', () => {
  const big = `${'Ett stycke med en [länk](https://www.regeringen.se/) och text. '.repeat(80_000)}\n`;
  assert.ok(big.length > 5_000_000);
  // CPU time, not wall time: the suite shares two cores with other test files.
  const cpu = process.cpuUsage();
  const files = toMarkdownFiles(input([post({ slug: 'stor', contentMarkdown: big })]), { layout: 'flat', images: 'link' });
  const ms = process.cpuUsage(cpu).user / 1000;
  const body = splitFrontMatter(text(files.find((f) => f.path.endsWith('stor.md'))!)).body;
  assert.equal(body.trim(), big.trim());
  assert.ok(ms < 10_000, `took ${ms} ms of CPU`);
});

test('titles with Markdown or HTML in them stay text in the index files', () => {
  const r = post({ slug: 'lurig', title: '[Klicka](http://evil.example/) *viktigt* <script>x</script> `kod`' });
  const files = toMarkdownFiles(input([r]), { layout: 'flat', images: 'link' });
  const index = text(byPath(files).get('innovation/index.md')!);
  const links = listMarkdownLinks(index);
  assert.deepEqual(links.map((l) => l.dest), ['2013/06/lurig.md', 'categories/om-innovation.md'], 'the title adds no link of its own');
  assert.doesNotMatch(index, /<script>/);
  assert.match(index, /^# innovation$/m);
});

test('one upload linked in two spellings is copied once and counted once (flat), once per bundle (hugo)', () => {
  const a = post({ slug: 'a', contentMarkdown: `![x](${IMG})` });
  const b = post({ slug: 'b', contentMarkdown: `![y](${IMG.replace('http://www.', 'https://')})` });
  const bytes = new Map([[IMG, Buffer.from('jpeg')]]);
  const flat = exportMarkdown(input([a, b]), { layout: 'flat', images: 'copy', imageBytes: bytes });
  assert.equal(flat.copied.length, 1);
  assert.equal(flat.files.filter((f) => Buffer.isBuffer(f.contents)).length, 1);
  assert.equal(new Set(relativeLinks(flat.files).filter((l) => l.isImage).map((l) => l.target)).size, 1);
  const hugo = exportMarkdown(input([a, b]), { layout: 'hugo', images: 'copy', imageBytes: bytes });
  assert.equal(hugo.copied.length, 1);
  assert.equal(hugo.files.filter((f) => Buffer.isBuffer(f.contents)).length, 2, 'a copy in each bundle');
  assertLinksResolve(hugo.files);
});

test('a post URL wins over another post alias that names it', () => {
  const b = post({ slug: 'b', url: `${HOST}/innovation/x/b/` });
  // Sorted first, and claims b's URL as an alias (a merge mistake upstream): links to b must still reach b.
  const a = post({ slug: 'a', url: `${HOST}/innovation/x/a/`, aliases: [b.url] });
  const c = post({ slug: 'c', url: `${HOST}/innovation/x/c/`, contentMarkdown: `[till b](${b.url})` });
  const files = toMarkdownFiles(input([a, b, c]), { layout: 'flat', images: 'link' });
  assert.deepEqual(relativeLinks([fileFor(files, c.url)]).map((l) => l.target), [fileFor(files, b.url).path]);
});

test('comment dates for the generators: a readable date beside the ISO one', async () => {
  const { readableDate, threadComments } = await import('../../src/exporters/markdown-comments.ts');
  assert.equal(readableDate('2013-06-05T10:20:00+02:00'), '2013-06-05 10:20');
  assert.equal(readableDate('2016-11-03'), '2016-11-03');
  assert.equal(readableDate('igår'), 'igår');
  const [c] = threadComments([{ id: '7', author: 'Bo', published: '2013-06-05T10:20:00+02:00', text: 'Hej', parentId: null }]);
  assert.equal(c!.date, '2013-06-05T10:20:00+02:00');
  assert.equal(c!.date_text, '2013-06-05 10:20');
});
