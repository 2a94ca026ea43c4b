/** `report --verify FILE`: the JSON `verify-redirects --json` printed, checked enough to name what is wrong. */
import { readFile } from 'node:fs/promises';
import type { VerifySection } from '../exporters/report/types.ts';
import { UsageError, cannotRead } from '../errors.ts';

const HOW = 'give the JSON that `naring-archive verify-redirects redirects.json --base URL --json > verify.json` wrote';

export async function readVerifyFile(file: string): Promise<VerifySection> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw cannotRead(`--verify ${file}`, err, HOW);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new UsageError(`--verify ${file}: not JSON; ${HOW}`);
  }
  const o = v as { checked?: unknown; correct?: unknown; wrong?: unknown } | null;
  if (!o || typeof o.checked !== 'number' || typeof o.correct !== 'number' || !Array.isArray(o.wrong)) {
    throw new UsageError(`--verify ${file}: expected {checked, correct, wrong: [...]}; ${HOW}`);
  }
  const show = (x: { status?: unknown; location?: unknown } | undefined) => `${x?.status ?? 'no answer'}${x?.location ? ` → ${String(x.location)}` : ''}`;
  return {
    file,
    checked: o.checked,
    correct: o.correct,
    wrong: (o.wrong as Array<Record<string, unknown>>).map((w) => ({
      from: String(w?.from ?? ''),
      expected: show(w?.expected as { status?: unknown; location?: unknown }),
      got: show(w?.got as { status?: unknown; location?: unknown }),
      errors: Array.isArray(w?.errors) ? w.errors.map(String) : [],
    })),
  };
}
