import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../src-main/adapters/file-logger';
import { REDACTED, redactSecrets, redactText } from '../../src-main/core/redact';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'taskwatch-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type LogLine = { time: string; level: string; message: string; fields?: Record<string, unknown> };

function linesOf(file: string): LogLine[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('createFileLogger', () => {
  it('writes one JSON line per entry with time, level, message and fields, below the chosen level dropped', () => {
    const logger = createFileLogger({ dir, level: 'info' });
    logger.log('debug', 'too chatty');
    logger.log('warn', 'Portal answered slowly', { portalId: 'p1', ms: 5200 });
    logger.close();
    const [line, ...rest] = linesOf('taskwatch.log');
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ level: 'warn', message: 'Portal answered slowly', fields: { portalId: 'p1', ms: 5200 } });
    expect(Date.parse(line!.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(statSync(logger.path).mode & 0o777).toBe(0o600);
  });

  it('rotates at the size limit and keeps only the newest files', () => {
    const logger = createFileLogger({ dir, maxBytes: 1_000, keep: 3 });
    for (let index = 0; index < 60; index += 1) logger.log('info', `entry ${index} ${'x'.repeat(60)}`);
    logger.close();
    expect(readdirSync(dir).sort()).toEqual(['taskwatch.log', 'taskwatch.log.1', 'taskwatch.log.2']);
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(1_000);
    const files = ['taskwatch.log', 'taskwatch.log.1', 'taskwatch.log.2'];
    const newestFirst = files.map((file) => linesOf(file).map((line) => line.message));
    expect(newestFirst[0]!.at(-1)).toMatch(/^entry 59 /);
    // The files hold an unbroken run of the newest entries: rotation loses nothing it keeps.
    const kept = [...newestFirst].reverse().flat().map((message) => Number(message.split(' ')[1]));
    expect(kept).toEqual(kept.map((_, i) => 60 - kept.length + i));
  });

  it('keeps the lines written before a later logger (a restart) appends to the same file', () => {
    createFileLogger({ dir }).log('info', 'before restart');
    const again = createFileLogger({ dir });
    again.log('info', 'after restart');
    again.close();
    expect(linesOf('taskwatch.log').map((line) => line.message)).toEqual(['before restart', 'after restart']);
  });

  it('loses no line when the process exits right after logging', async () => {
    const runTs = join(import.meta.dirname, 'child/run-ts.mjs');
    const scenario = join(import.meta.dirname, 'child/log-then-exit.ts');
    await promisify(execFile)(process.execPath, [runTs, scenario, dir], { timeout: 30_000 });
    expect(linesOf('taskwatch.log').map((line) => line.fields?.index)).toEqual([...Array(500).keys()]);
  });

  it('never writes secrets: secret-looking fields and inline tokens are masked', () => {
    const logger = createFileLogger({ dir });
    logger.log('error', 'GET https://portal.example/admin/system/tasks?f=json&token=abc.DEF-123 failed', {
      password: 'hunter2',
      apiKey: 'k-1',
      nested: { passcode: '1234', Authorization: 'Bearer eyJhbGciOi.x.y', note: 'header was Bearer eyJzZWNyZXQ' },
      error: new Error('Request body username=admin&password=hunter2 refused'),
      portalId: 'p1',
    });
    logger.close();
    const text = readFileSync(logger.path, 'utf8');
    for (const secret of ['hunter2', 'abc.DEF-123', 'k-1', '1234', 'eyJ']) expect(text).not.toContain(secret);
    const [line] = linesOf('taskwatch.log');
    expect(line!.message).toBe(`GET https://portal.example/admin/system/tasks?f=json&token=${REDACTED} failed`);
    expect(line!.fields).toMatchObject({
      password: REDACTED,
      apiKey: REDACTED,
      nested: { passcode: REDACTED, Authorization: REDACTED, note: `header was Bearer ${REDACTED}` },
      error: { name: 'Error', message: `Request body username=admin&password=${REDACTED} refused` },
      portalId: 'p1',
    });
  });
});

describe('redactSecrets', () => {
  it('masks JSON-looking and header-looking secrets but leaves ordinary words alone', () => {
    expect(redactText('{"token":"t0k3n","expires":1}')).toBe(`{"token":"${REDACTED}","expires":1}`);
    expect(redactText('X-Esri-Authorization: Bearer t0k3n')).toBe(`X-Esri-Authorization: Bearer ${REDACTED}`);
    expect(redactText('Invalid token. Sign in again.')).toBe('Invalid token. Sign in again.');
    const ordinary = { monkey: 'banana', keyboard: 'qwerty', taskId: 'backup' };
    expect(redactSecrets(ordinary)).toEqual(ordinary);
  });

  it('survives cycles and values JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = { size: 10n };
    cyclic.self = cyclic;
    expect(redactSecrets(cyclic)).toEqual({ size: '10', self: '[circular]' });
  });
});
