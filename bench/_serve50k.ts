import { ensureSite, startNginx } from './site.ts';
import { resolve } from 'node:path';
const origin = 'http://127.0.0.1:18090';
const site = await ensureSite(resolve('bench/out'), 50000, origin, (s) => console.error(s));
const nginx = await startNginx(site, resolve('bench/out/nginx-18090'), origin);
console.error('serving', origin, 'pid', nginx.pid);
process.on('SIGTERM', () => { nginx.kill(); process.exit(0); });
setInterval(() => {}, 1 << 30);
