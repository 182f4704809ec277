/**
 * Only the main window's top frame, showing our own page, may call a command (Electron security
 * checklist item 17; GitHub Desktop's trusted-ipc-sender). A subframe, another window or a page that
 * navigated elsewhere is refused even though it can reach ipcRenderer.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isOwnPage } from './renderer-page';

export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  mainContents: WebContents | null,
  pageUrl: string,
): boolean {
  const frame = event.senderFrame;
  if (!mainContents || event.sender !== mainContents || !frame) return false;
  // `parent` is null only for the top frame; identity with mainFrame is not reliable across wrappers.
  return frame.parent === null && isOwnPage(frame.url, pageUrl);
}
