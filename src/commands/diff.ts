import { Option, type Command } from 'commander';
import { UsageError } from '../errors.ts';
import { toJsonText } from '../exporters/write.ts';
import { assertSnapshotDir } from '../snapshot/layout.ts';
import { loadSnapshot } from '../snapshot/load.ts';
import {
  countByCategory, diffSnapshots, failingCategories, isIdentical, FAIL_ON_CATEGORIES, type FailOnCategory,
} from '../snapshot/diff.ts';
import { formatDiffText } from '../snapshot/diff-text.ts';
import type { CommandSpec } from './spec.ts';

interface DiffOptions {
  json: boolean;
  failOn: FailOnCategory[] | null;
  limit: number;
}

function resolveOptions(opts: Record<string, unknown>): DiffOptions {
  let failOn: FailOnCategory[] | null = null;
  if (typeof opts.failOn === 'string') {
    const names = opts.failOn.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = names.filter((n) => !(FAIL_ON_CATEGORIES as readonly string[]).includes(n));
    if (names.length === 0 || bad.length > 0) {
      throw new UsageError(`--fail-on ${JSON.stringify(opts.failOn)}: expected a comma-separated list of ${FAIL_ON_CATEGORIES.join(', ')}, e.g. --fail-on removed,failures`);
    }
    failOn = names as FailOnCategory[];
  }
  const limit = Number(opts.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit ${JSON.stringify(opts.limit)}: expected a whole number of lines per list, e.g. --limit 50`);
  return { json: opts.json === true, failOn, limit };
}

export const command: CommandSpec = {
  define(parent: Command) {
    return parent
      .command('diff')
      .description('compare two snapshots as data: posts added, removed and changed, redirect rows, URLs that began to fail')
      .argument('<snapshot-a>', 'the older snapshot folder (what `snapshot --out` wrote)')
      .argument('<snapshot-b>', 'the newer snapshot folder')
      .option('--json', 'print the whole difference as JSON on stdout', false)
      .addOption(new Option('--fail-on <kinds>', `which differences make the exit status 1 (comma-separated: ${FAIL_ON_CATEGORIES.join(', ')}); default: any difference`))
      .option('--limit <n>', 'lines shown per list in the text account (the JSON is always complete)', '50')
      .addHelpText('after', `
Example: fail a nightly CI job only when posts disappear or URLs begin to fail
  $ naring-archive diff last-snapshot snapshot --fail-on removed,failures

Example: the whole difference as JSON
  $ naring-archive diff snap-2024-01 snap-2024-02 --json > changes.json

Kinds for --fail-on: added, removed, changed (posts and pages), redirects (rows added, removed or
retargeted), failures (URLs that began to fail), urls (URLs that entered or left the inventory).
Exit status: 0 identical (or no difference of the kinds --fail-on names), 1 different, 2 error.`);
  },
  async run(args, opts) {
    const [dirA, dirB] = args as [string, string];
    const options = resolveOptions(opts);
    await assertSnapshotDir(dirA, 'snapshot-a');
    await assertSnapshotDir(dirB, 'snapshot-b');
    const [a, b] = await Promise.all([loadSnapshot(dirA), loadSnapshot(dirB)]);
    let diff;
    try {
      diff = diffSnapshots(a, b);
    } finally {
      a.close();
      b.close();
    }
    const failing = failingCategories(diff, options.failOn);
    if (options.json) {
      process.stdout.write(toJsonText({ identical: isIdentical(diff), failing, counts: countByCategory(diff), ...diff }));
      process.stderr.write(isIdentical(diff) ? 'diff: identical\n' : `diff: different${failing.length ? ` (${failing.join(', ')})` : ', none of the kinds --fail-on names'}\n`);
    } else {
      process.stdout.write(formatDiffText(diff, failing, { limit: options.limit, labelA: dirA, labelB: dirB }));
    }
    return failing.length > 0 ? 1 : 0;
  },
};
