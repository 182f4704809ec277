/**
 * Where the window's page comes from, and whether a URL is that page. Used by the navigation guard and
 * by the IPC sender check, so both agree on what "our own page" means. Node-only.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The built `index.html` as a file:// URL, or the electron-vite dev server while developing. */
export function rendererPageUrl(outDir: string, devServerUrl: string | undefined): string {
  return devServerUrl ? new URL(devServerUrl).href : pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
}

/**
 * True when `candidate` is the app's own page: the same file (any #route or ?query), or, in development,
 * the same dev-server origin. Anything unparsable is not ours.
 */
export function isOwnPage(candidate: string, pageUrl: string): boolean {
  if (!URL.canParse(candidate)) return false;
  const url = new URL(candidate);
  const page = new URL(pageUrl);
  if (page.protocol === 'file:') return url.protocol === 'file:' && url.host === page.host && url.pathname === page.pathname;
  return url.origin === page.origin;
}
