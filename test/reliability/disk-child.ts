/**
 * Runs several CLI commands in one child process and prints, as JSON on stdout, each one's exit code and
 * stderr: the disk cases run it under a file-size limit (prlimit --fsize) or as another user, where an
 * in-process run cannot go. One child for all commands, not one per command: start-up costs seconds.
 * Usage: node --import tsx disk-child.ts '[["extract", "crawl", "--out", "data"], …]'
 */
import { main } from '../../src/cli.ts';

const runs = JSON.parse(process.argv[2] ?? '[]') as string[][];
const results: { code: number; stderr: string }[] = [];
const write = process.stderr.write.bind(process.stderr);
for (const args of runs) {
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    results.push({ code: await main(['node', 'naring-archive', ...args]), stderr });
  } finally {
    process.stderr.write = write;
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
