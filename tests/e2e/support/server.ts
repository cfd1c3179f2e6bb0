// A local test server that is also the browsers' HTTP proxy. Every request any browser context
// makes (page, content script, service worker, popup) reaches it, so its log is the network
// record: a request we did not ask for is a request the extension (or the browser) made.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Logged {
  method: string;
  url: string;
}

export interface TestServer {
  origin: string;
  port: number;
  log: Logged[];
  /** Declares a path the test itself opens; any other request is unexpected. */
  allow(path: string): string;
  /** Requests other than the pages the test itself opened. */
  unexpected(): Logged[];
  close(): Promise<void>;
}

export type Route = (path: string) => { status?: number; headers?: Record<string, string>; body: string } | null;

export async function startServer(route: Route): Promise<TestServer> {
  const log: Logged[] = [];
  const allowed = new Set<string>();
  let origin = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Through a proxy the request line carries the absolute URL; directly, only the path.
    const url = new URL(req.url ?? '/', origin);
    log.push({ method: req.method ?? '?', url: url.href });
    if (url.origin !== origin) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('blocked by the test proxy');
      return;
    }
    const page = route(url.pathname);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(page.status ?? 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers }).end(page.body);
  });
  // HTTPS through the proxy arrives as CONNECT: record it and refuse.
  server.on('connect', (req: IncomingMessage, socket) => {
    log.push({ method: 'CONNECT', url: req.url ?? '?' });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    log,
    allow: (path) => {
      allowed.add(path);
      return `${origin}${path}`;
    },
    unexpected: () => log.filter((l) => !(l.method === 'GET' && l.url.startsWith(`${origin}/`) && allowed.has(new URL(l.url).pathname))),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
