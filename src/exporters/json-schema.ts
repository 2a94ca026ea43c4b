/**
 * The JSON Schemas of schema/ (draft 2020-12), loaded once with ajv: used by `export json` tests, by the
 * export commands to check a data folder before exporting it, and by any stage that wants to check records.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

export type SchemaName = 'posts' | 'pages' | 'categories' | 'authors' | 'post-record' | 'term-summary';

/** The repository's schema/ folder, found from this module (works from src/ and from a build in dist/). */
export function schemaDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'schema');
    if (existsSync(join(candidate, 'post-record.schema.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('schema/post-record.schema.json not found beside the naring-archive package; reinstall it');
}

const cache = new Map<string, Ajv2020>();

/**
 * An ajv instance holding every schema. `dropUnknown` makes validation remove keys the schema does not
 * know (a newer extract's extra field) instead of failing on them; use it for input, not for tests.
 */
function ajvFor(dropUnknown: boolean): Ajv2020 {
  const key = String(dropUnknown);
  let ajv = cache.get(key);
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: false, strict: true, removeAdditional: dropUnknown });
    const dir = schemaDir();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.schema.json')).sort()) {
      ajv.addSchema(JSON.parse(readFileSync(join(dir, f), 'utf8')) as object);
    }
    cache.set(key, ajv);
  }
  return ajv;
}

export function getValidator(name: SchemaName, dropUnknown = false): ValidateFunction {
  const v = ajvFor(dropUnknown).getSchema(`${name}.schema.json`);
  if (!v) throw new Error(`schema ${name}.schema.json missing from schema/`);
  return v;
}

/** One line describing the first error (`/3/tags: must be array`), or null when `value` is valid. */
export function checkAgainstSchema(name: SchemaName, value: unknown, dropUnknown = false): string | null {
  const v = getValidator(name, dropUnknown);
  if (v(value)) return null;
  const e = (v.errors ?? [])[0] as ErrorObject | undefined;
  if (!e) return 'does not match its schema';
  const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
  return `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${extra}`;
}
