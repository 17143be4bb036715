// A static file server on 127.0.0.1 for the demo pages and the test corpus: loopback only, read-only,
// no directory escapes. Used by `npm run demo`, the end-to-end tests and the benchmark.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * Serves each `mounts` prefix ("/demo/") from its folder. With `noPageScripts`, pages are sent with a
 * CSP that blocks their own scripts (extension content scripts still run): real-world pages then
 * render deterministically, with and without the extension.
 */
export async function serveStatic(mounts: Record<string, string>, { noPageScripts = false } = {}): Promise<StaticServer> {
  const roots = Object.entries(mounts).map(([prefix, dir]) => [prefix, resolve(dir)] as const);
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const mount = roots.find(([prefix]) => path.startsWith(prefix));
    if (!mount) return void res.writeHead(404).end('not found');
    const [prefix, root] = mount;
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end('forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...(noPageScripts && { 'content-security-policy': "script-src 'none'" }),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
