/**
 * The service's `saveExport` port in the app: a native Save dialog, then the file. Cancelling is an
 * answer (`saved: false`), not an error.
 */
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';

export function saveExportWithDialog(parent: () => BrowserWindow | null) {
  return async (suggestedFileName: string, content: string, format: 'csv' | 'json') => {
    const options = {
      title: 'Export from Taskwatch',
      defaultPath: join(app.getPath('downloads'), suggestedFileName),
      filters: [{ name: format.toUpperCase(), extensions: [format] }],
    };
    const window = parent();
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false, fileName: suggestedFileName };
    await writeFile(choice.filePath, content, 'utf8');
    return { saved: true, fileName: basename(choice.filePath) };
  };
}
