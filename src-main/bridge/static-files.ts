/**
 * Serves the built renderer (out/renderer) read-only, with the Content-Security-Policy that
 * index.html declares sent as a header too, and nothing outside that folder ever.
 */
import { readFile, realpath } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticSite {
  /** The page's own CSP, as found in its index.html. */
  csp: string;
  serve(pathname: string, response: ServerResponse): Promise<void>;
}

/** Reads the CSP from index.html once, so the header can never drift from the page's meta tag. */
export async function openStaticSite(rendererDir: string): Promise<StaticSite> {
  const root = await realpath(resolve(rendererDir));
  const index = await readFile(join(root, 'index.html'), 'utf8');
  const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(index)?.[1];
  if (!csp) throw new Error(`${join(root, 'index.html')} declares no Content-Security-Policy; build the renderer first`);

  async function serve(pathname: string, response: ServerResponse) {
    const file = await resolveInside(root, pathname === '/' ? '/index.html' : pathname);
    const type = file && contentTypes[extname(file)];
    if (!file || !type) return notFound(response);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound(response);
    }
    response.writeHead(200, {
      'content-type': type,
      'content-security-policy': csp!,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    response.end(body);
  }

  return { csp, serve };
}

/** The real path of `pathname` under `root`, or null for anything that escapes it (.., %2e%2e, symlinks). */
async function resolveInside(root: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = resolve(root, `.${decoded}`);
  if (!candidate.startsWith(root + sep)) return null;
  try {
    const real = await realpath(candidate);
    return real.startsWith(root + sep) ? real : null;
  } catch {
    return null;
  }
}

function notFound(response: ServerResponse) {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('Not found');
}
