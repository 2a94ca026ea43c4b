/**
 * The package version, read from package.json the same way cli.ts does. A separate module because the
 * scrapers need it for the User-Agent and importing cli.ts from them would be circular.
 */
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const PACKAGE_NAME: string = pkg.name;
export const PACKAGE_VERSION: string = pkg.version;
