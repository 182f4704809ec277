/**
 * What the window's page may do beyond drawing itself: nothing. No navigation away from our page, no new
 * windows, no permissions, and a CSP header on top of the page's own meta tag.
 */
import type { Session, WebContents } from 'electron';
import { isOwnPage } from './renderer-page';

/**
 * Same policy as the meta tag in src-renderer/index.html (a test keeps them equal). The meta tag is what
 * guards the file:// page; the header adds defence in depth wherever webRequest sees the response.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Keeps the window on our page. Links the page tries to follow, in place or in a new window, go to
 * `openLink`, which passes them through the service's allow-list before the system browser sees them.
 */
export function guardNavigation(contents: WebContents, pageUrl: string, openLink: (url: string) => void): void {
  contents.on('will-navigate', (event) => {
    if (isOwnPage(event.url, pageUrl)) return;
    event.preventDefault();
    openLink(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openLink(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Taskwatch needs no camera, notifications-from-page, geolocation or anything else: refuse them all. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
