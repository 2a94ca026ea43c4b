/**
 * The replica server (node:http, no framework): serves a site folder (fixtures/site by default) the way
 * WordPress and its Apache did; what it answers is in site-responder.ts. Any Host header is accepted, so
 * a crawler can fetch it as http://www.naringsbloggen.se/ through --connect-to.
 */
import { createServer, STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { UsageError } from '../errors.ts';
import { DEFAULT_SITE_DIR } from './data.ts';
import { siteResponder, type Reply, type Responder } from './site-responder.ts';

export { lookupKey, siteResponder, type SiteServerConfig } from './site-responder.ts';

export interface ReplicaServerOptions {
  /** A site folder (default: the repository's fixtures/site). */
  root?: string;
  host?: string;
  port?: number;
}

export interface ReplicaServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Node's HTTP parser refuses a request target with raw bytes above 0x7F (an unescaped `–` or `å`), which
 * Apache served. Such a request reaches 'clientError' with the bytes read so far: it is answered here from
 * those bytes, and the connection closed.
 */
async function answerRawRequest(respond: Responder, packet: Buffer, socket: Socket): Promise<void> {
  const text = packet.toString('utf8');
  const [requestLine = '', ...headerLines] = text.split('\r\n\r\n')[0]!.split('\r\n');
  const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
  if (!m) {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  const headers: IncomingHttpHeaders = {};
  for (const line of headerLines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const reply = await respond(m[1]!, m[2]!, headers);
  const head = [`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ''}`, ...Object.entries(reply.headers).map(([k, v]) => `${k}: ${v}`), 'Connection: close', '', ''];
  socket.end(Buffer.concat([Buffer.from(head.join('\r\n'), 'latin1'), reply.body]));
}

export async function startReplica(options: ReplicaServerOptions = {}): Promise<ReplicaServer> {
  const root = resolve(options.root ?? DEFAULT_SITE_DIR);
  const st = await stat(root).catch(() => null);
  if (!st?.isDirectory()) throw new UsageError(`${root}: no such site folder; give a folder written by npm run fixtures (or generateSite)`);
  const respond = siteResponder(root);
  const fail = (text: string): Reply => ({ status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from(text) });

  const server = createServer((req, res) => {
    // No Date header (RFC 9110 §6.6.1 allows it for a server without a trusted clock): two runs answer identical bytes.
    res.sendDate = false;
    // Node hands the request target over as Latin-1; raw UTF-8 bytes are recovered here.
    const target = Buffer.from(req.url ?? '/', 'latin1').toString('utf8');
    respond(req.method ?? 'GET', target, req.headers)
      .catch((err: unknown) => fail(`Internal Server Error: ${(err as Error).message}\n`))
      .then((reply) => {
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body.length > 0 ? reply.body : undefined);
      }, () => res.destroy());
  });
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    if (err.code === 'HPE_INVALID_URL' && err.rawPacket && socket.writable) {
      answerRawRequest(respond, err.rawPacket, socket).catch(() => socket.destroy());
    } else if (socket.writable) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else {
      socket.destroy();
    }
  });
  server.keepAliveTimeout = 5000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, failListen) => {
    server.once('error', failListen);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', failListen);
      ok();
    });
  }).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot listen on ${host}:${options.port ?? 0} (${err.code ?? err.message}); choose another port`);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}
