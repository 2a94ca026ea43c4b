/** The CLI as a child process the fault suite can signal while it runs. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface Running {
  child: ChildProcess;
  stderr(): string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number }>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr, ms: performance.now() - t0 }));
  });
  return { child, stderr: () => stderr, done };
}

/** Resolves once `cond()` holds (polled), or rejects after `ms`. */
export async function until(cond: () => boolean, ms = 30_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
