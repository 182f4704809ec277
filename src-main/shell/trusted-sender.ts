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
  if (!mainContents || event.sender !== mainContents) return false;
  try {
    const frame = event.senderFrame;
    // `parent` is null only for the top frame; identity with mainFrame is not reliable across wrappers.
    return frame !== null && frame.parent === null && isOwnPage(frame.url, pageUrl);
  } catch {
    // A frame disposed meanwhile throws from its accessors ("Render frame was disposed…"): not trusted.
    return false;
  }
}

/** The sender's URL for the log, or null when the frame is gone. */
export function senderUrlOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}
