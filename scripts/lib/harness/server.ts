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
  /**
   * Declares a page the test itself opens, by path on the test origin (`/seed`) or by absolute
   * URL on one of the other origins served (`http://cross.test/frame`); returns its URL. Any
   * other request is unexpected.
   */
  allow(pathOrUrl: string): string;
  /** Requests other than the pages the test itself opened. */
  unexpected(): Logged[];
  close(): Promise<void>;
}

/**
 * Answers a request: `key` is the path for the test origin (`/seed`) and origin plus path for the
 * other origins served (`http://cross.test/frame`), so a route written for paths never answers
 * for another origin by mistake.
 */
/** A body of bytes is sent as it is (a saved page in its own encoding). */
export type Route = (key: string) => { status?: number; headers?: Record<string, string>; body: string | Uint8Array } | null;

export interface ServerOptions {
  /**
   * Other origins the proxy answers itself, through `route` (never resolved or forwarded), e.g.
   * `http://cross.test` for cross-origin frames. Requests to any other origin are refused.
   */
  origins?: string[];
}

export async function startServer(route: Route, { origins = [] }: ServerOptions = {}): Promise<TestServer> {
  const log: Logged[] = [];
  const allowed = new Set<string>();
  const served = new Set(origins.map((o) => new URL(o).origin));
  let origin = '';
  const keyOf = (url: URL): string | null => (url.origin === origin ? url.pathname : served.has(url.origin) ? `${url.origin}${url.pathname}` : null);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Through a proxy the request line carries the absolute URL; directly, only the path.
    const url = new URL(req.url ?? '/', origin);
    log.push({ method: req.method ?? '?', url: url.href });
    const key = keyOf(url);
    if (key === null) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('blocked by the test proxy');
      return;
    }
    const page = route(key);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(page.status ?? 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers }).end(page.body);
  });
  // HTTPS through the proxy arrives as CONNECT: record it and refuse.
  server.on('connect', (req: IncomingMessage, socket) => {
    log.push({ method: 'CONNECT', url: req.url ?? '?' });
    // The browser may reset the connection once refused: that must not crash the test process.
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    log,
    allow: (pathOrUrl) => {
      const url = new URL(pathOrUrl, origin);
      const key = keyOf(url);
      if (key === null) throw new Error(`${pathOrUrl} is on an origin this server does not serve`);
      allowed.add(key);
      return url.href;
    },
    unexpected: () => log.filter((l) => {
      if (l.method !== 'GET') return true;
      const key = keyOf(new URL(l.url));
      return key === null || !allowed.has(key);
    }),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
