import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, commandChannel, encodeEvent, eventChannel, type TaskwatchApi } from '../../src-main/contract/api';
import { contextBridge, ipcRenderer } from './fake-electron';
import { snapshotWith, taskSummary } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

await import('../../src-main/preload/index');
const api = contextBridge.exposed.get(BRIDGE_GLOBAL) as TaskwatchApi;
/** The renderer calls with whatever it likes: the preload must cope with names outside the contract. */
const loose = api as unknown as { invoke(c: string, i: unknown): Promise<unknown>; on(e: string, l: (p: unknown) => void): () => void };

describe('preload', () => {
  beforeEach(() => {
    ipcRenderer.removeAllListeners();
    ipcRenderer.invoke.mockClear();
  });

  it('exposes exactly invoke and on, under the contract’s global, and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes a contract command on its channel and returns main’s Result', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { taskCount: 2 } });
    const input = { url: 'https://gis.example.com/portal', username: 'admin', password: 'p' };
    await expect(api.invoke('testPortal', input)).resolves.toEqual({ ok: true, value: { taskCount: 2 } });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(commandChannel('testPortal'), input);
  });

  it('decodes main’s answer from its wire form, and refuses one outside the contract', async () => {
    const snapshot = snapshotWith({ tasks: [taskSummary(), taskSummary({ id: 'task-2', title: 'Cleanup' })] });
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: encodeEvent('snapshot', snapshot) });
    await expect(api.invoke('getSnapshot', {})).resolves.toEqual({ ok: true, value: snapshot });
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { ...snapshot, revision: 'four' } });
    await expect(api.invoke('getSnapshot', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses unknown commands without touching IPC', async () => {
    for (const name of ['deleteEverything', 'toString', '__proto__']) {
      await expect(loose.invoke(name, {})).resolves.toEqual({ ok: false, error: { code: 'invalid-input', message: `Unknown command: ${name}` } });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('still answers a Result when main has no handler yet', async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'taskwatch:pollNow'"));
    await expect(api.invoke('pollNow', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses to subscribe to unknown events', () => {
    expect(() => loose.on('taskwatch:event:anything', () => {})).toThrow('Unknown event');
    expect(ipcRenderer.listenerCount(eventChannel('snapshot'))).toBe(0);
  });

  it('delivers valid payloads only, without the IPC event, until unsubscribed', () => {
    const listener = vi.fn();
    const unsubscribe = api.on('snapshot', listener);
    const snapshot = snapshotWith({ revision: 3, tasks: [taskSummary()] });
    ipcRenderer.emit(eventChannel('snapshot'), { sender: ipcRenderer }, encodeEvent('snapshot', snapshot));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([snapshot]);

    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    ipcRenderer.emit(eventChannel('snapshot'), {}, { revision: 'four' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();

    unsubscribe();
    ipcRenderer.emit(eventChannel('snapshot'), {}, encodeEvent('snapshot', snapshot));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.listenerCount(eventChannel('snapshot'))).toBe(0);
  });

  it('validates navigate payloads too', () => {
    const listener = vi.fn();
    api.on('navigate', listener);
    ipcRenderer.emit(eventChannel('navigate'), {}, { portalId: '', taskId: 't' });
    ipcRenderer.emit(eventChannel('navigate'), {}, { portalId: 'p', taskId: 't' });
    expect(listener.mock.calls).toEqual([[{ portalId: 'p', taskId: 't' }]]);
  });

  // The sandbox gives a preload `require('electron')` and nothing else: zod must be inside the bundle.
  it('builds to one CJS file that requires only electron', () => {
    const bundle = join(import.meta.dirname, '../../out/preload/index.cjs');
    expect(existsSync(bundle), 'build first: npx electron-vite build').toBe(true);
    const required = [...readFileSync(bundle, 'utf8').matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });
});
