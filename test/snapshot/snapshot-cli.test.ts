/**
 * snapshot's guard rails, on a three-page site so each run takes a moment: flags checked before anything is
 * written, a folder of someone else's files never emptied, an earlier snapshot's stale files removed, and a
 * run that fails after the crawl never leaves a manifest.json (the folder must not look finished).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica } from '../../src/replica/server.ts';
import { assertSnapshotDir } from '../../src/snapshot/layout.ts';
import { checkSnapshotTarget, partialDirOf, preparePartial } from '../../src/snapshot/out-dir.ts';
import { UsageError } from '../../src/errors.ts';
import { resolveSnapshotOptions } from '../../src/commands/snapshot.ts';
import { runCli } from '../helpers/cli.ts';

const tmp = await mkdtemp(join(tmpdir(), 'naring-snapshot-cli-'));
after(() => rm(tmp, { recursive: true, force: true }));

const HOST = 'http://www.naringsbloggen.se';
const page = (title: string, body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>\n`;

/** Home, one post, one page: enough for crawl → extract → exports to run end to end. */
async function tinySite(root: string): Promise<void> {
  const files: Record<string, string> = {
    '_server.json': JSON.stringify({ siteUrl: HOST, htmlCharset: 'utf-8', notFound: '404.html', redirects: {} }),
    '404.html': page('Sidan hittades inte', '<h1>Sidan hittades inte</h1>'),
    'robots.txt': 'User-agent: *\nDisallow:\n',
    'index.html': page('Bloggen', `<div class="hentry post"><h2 class="entry-title"><a href="${HOST}/blogg/ett-inlagg/" rel="bookmark">Ett inlägg</a></h2><div class="entry-summary"><p>Kort om inlägget […]</p></div></div><a href="${HOST}/om/">Om</a>`),
    'blogg/ett-inlagg/index.html': page('Ett inlägg', `<div class="hentry post"><h1 class="entry-title">Ett inlägg</h1><div class="entry-meta"><span class="entry-date">5 juni 2013</span></div><div class="entry-content"><p>Brödtext om innovation.</p></div></div>`),
    'om/index.html': page('Om', '<div class="hentry page"><h1 class="entry-title">Om bloggen</h1><div class="entry-content"><p>Om oss.</p></div></div>'),
  };
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(join(root, ...rel.split('/').slice(0, -1)), { recursive: true });
    await writeFile(join(root, ...rel.split('/')), text);
  }
}

const siteRoot = join(tmp, 'site');
await tinySite(siteRoot);
const replica = await startReplica({ root: siteRoot });
after(() => replica.close());
const connect = ['--connect-to', `www.naringsbloggen.se:80:127.0.0.1:${replica.port}`, '--rate', '100', '--no-progress'];

const exists = async (p: string) => (await stat(p).catch(() => null)) !== null;

test('bad flags are refused before anything is written (UsageError naming the flag; exit 2 from the CLI)', async () => {
  const out = join(tmp, 'never');
  const flags = (extra: Record<string, unknown>) => ({ out, connectTo: [`www.naringsbloggen.se:80:127.0.0.1:${replica.port}`], ...extra });
  await assert.rejects(resolveSnapshotOptions([`${HOST}/`], flags({ out: undefined })), /--out is required/);
  await assert.rejects(resolveSnapshotOptions([`${HOST}/`], flags({ since: join(tmp, 'no-such-snapshot') })), /--since .*no-such-snapshot: holds no crawl/);
  await assert.rejects(resolveSnapshotOptions([`${HOST}/`], flags({ since: partialDirOf(out) })), /--since .*is the unfinished build of --out/);
  await assert.rejects(resolveSnapshotOptions([`${HOST}/`], flags({ rate: 'fast' })), /--rate "fast"/);
  await assert.rejects(resolveSnapshotOptions([`${HOST}/`], flags({ serverRoot: 'relative/dir' })), /--server-root "relative\/dir": expected an absolute folder/);
  await assert.rejects(resolveSnapshotOptions([`${HOST}/`], flags({ jobs: '0' })), /--jobs "0": expected a whole number of threads from 1 to 64/);
  assert.equal((await resolveSnapshotOptions([`${HOST}/`], flags({ jobs: '3' }))).jobs, 3);
  // A rules file that cannot be read stops the run before the crawl writes anything.
  const rules = await runCli(['snapshot', `${HOST}/`, '--out', out, '--rules', join(tmp, 'no-rules.yaml'), ...connect]);
  assert.equal(rules.code, 2);
  assert.match(rules.stderr, /no-rules\.yaml/);
  assert.doesNotMatch(rules.stderr, /\n\s+at /);
  assert.equal(await exists(out), false);
});

test('a folder holding other files is refused, never emptied', async () => {
  const out = join(tmp, 'mine');
  await mkdir(out, { recursive: true });
  await mkdir(join(out, 'data'), { recursive: true });
  await mkdir(join(out, '.git'), { recursive: true });
  await writeFile(join(out, 'thesis.docx'), 'precious');
  const r = await runCli(['snapshot', `${HOST}/`, '--out', out, ...connect]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /holds files that are not a snapshot's \(\.git, thesis\.docx\); choose a new or empty folder/);
  assert.equal(await readFile(join(out, 'thesis.docx'), 'utf8'), 'precious');
  assert.equal(await exists(join(out, '.git')), true);
});

test('a failed run leaves the previous snapshot untouched and finished; a good rerun replaces it whole', async () => {
  const out = join(tmp, 'snap');
  const first = await runCli(['snapshot', `${HOST}/`, '--out', out, ...connect]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /redirects: none \(give --rules FILE/);
  const manifestText = await readFile(join(out, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as { files: Array<{ path: string }> };
  assert.ok(manifest.files.some((f) => f.path === 'data/posts.json'));
  assert.equal(await exists(partialDirOf(out)), false, 'the build folder is gone once the snapshot is in place');
  // A file the next snapshot will not write: it must not survive into the new snapshot.
  await writeFile(join(out, 'markdown', 'stale.md'), 'a post that no longer exists\n');
  // Rules whose target host is not allowed: the redirect plan fails after crawl and extract.
  const badRules = join(tmp, 'bad-rules.yaml');
  await writeFile(badRules, 'sourceHosts: [www.naringsbloggen.se]\ntarget: https://www.regeringen.se\nallowHosts: [www.regeringen.se]\nrules:\n  - kind: post\n    to: https://evil.example/{slug}/\nfallback: /\n');
  const failed = await runCli(['snapshot', `${HOST}/`, '--out', out, '--rules', badRules, ...connect]);
  assert.equal(failed.code, 2, failed.stderr);
  assert.match(failed.stderr, /evil\.example.*the crawl is kept in .*\.snap\.partial; rerun with --resume to reuse it/);
  assert.equal(await readFile(join(out, 'manifest.json'), 'utf8'), manifestText, 'the previous snapshot is untouched');
  assert.equal(await exists(join(partialDirOf(out), 'manifest.json')), false, 'the failed build never looks finished');
  await assertSnapshotDir(out, 'snapshot-a');
  // Rerun, incremental against the snapshot it replaces: the stale file is gone, the build folder too.
  const second = await runCli(['snapshot', `${HOST}/`, '--out', out, '--since', out, ...connect]);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(await exists(join(out, 'markdown', 'stale.md')), false);
  assert.equal(await exists(partialDirOf(out)), false);
  assert.match(await readFile(join(out, 'crawl', 'crawl-log.jsonl'), 'utf8'), /"status":304/);
  // Every snapshot ends with its report, written from the folder that is now in place.
  assert.match(second.stderr, /report: +.*report\.html/);
  assert.match(await readFile(join(out, 'report.html'), 'utf8'), /<h1>Migration report: /);
});

test('a folder demo wrote (with site/ and report.html beside the parts) may be snapshotted into again', async () => {
  const out = join(tmp, 'demo-like');
  await mkdir(join(out, 'site', '_naring-archive'), { recursive: true });
  await mkdir(join(out, 'data'), { recursive: true });
  await writeFile(join(out, 'report.html'), '');
  await checkSnapshotTarget(out);
});

test('an --out whose build folder cannot be made is a UsageError naming --out, not "a bug in naring-archive"', async () => {
  const file = join(tmp, 'a-file');
  await writeFile(file, 'not a folder');
  await assert.rejects(preparePartial(join(file, 'snap'), false), (e: unknown) => e instanceof UsageError
    && /^--out .*a-file\/snap: cannot build the snapshot beside it in .*\(ENOTDIR\b.*\); choose a folder you can write to$/.test(e.message));
});
