import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveExportWithDialog } from '../../src-main/shell/save-export';
import { dialog, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('saving an export', () => {
  let dir: string;
  beforeEach(() => {
    resetFakeElectron();
    dir = mkdtempSync(join(tmpdir(), 'taskwatch-export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('offers the suggested name in Downloads and writes the file where the admin chose', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'my tasks.csv') });
    const save = saveExportWithDialog(() => null);
    await expect(save('tasks-2026-11-23.csv', 'title,health\nBackup,ok\n', 'csv')).resolves.toEqual({ saved: true, fileName: 'my tasks.csv' });
    expect(readFileSync(join(dir, 'my tasks.csv'), 'utf8')).toBe('title,health\nBackup,ok\n');
    expect(dialog.showSaveDialog.mock.calls[0]).toEqual([
      expect.objectContaining({ defaultPath: '/fake/downloads/tasks-2026-11-23.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] }),
    ]);
  });

  it('treats Cancel as "not saved", writing nothing', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    const save = saveExportWithDialog(() => null);
    await expect(save('runs.json', '[]', 'json')).resolves.toEqual({ saved: false, fileName: 'runs.json' });
  });
});
