import { describe, expect, it } from 'vitest';
import { TaskwatchError } from '../../src-main/core/errors';
import { dispatchCommand, INTERNAL_ERROR_MESSAGE } from '../../src-main/core/dispatch';
import { FakeService, portalView, recordingLogger, snapshotWith, taskSummary } from '../shell/fake-service';

const newPortal = { url: 'https://gis.example.com/portal', username: 'admin', password: 's3cret-pass' };

describe('dispatchCommand', () => {
  it('calls the handler with the parsed input and wraps its value', async () => {
    const service = new FakeService();
    const result = await dispatchCommand(service.handlers, 'testPortal', { ...newPortal, url: '  https://gis.example.com/portal ' }, recordingLogger());
    expect(result).toEqual({ ok: true, value: { taskCount: 3 } });
    expect(service.handlers.testPortal).toHaveBeenCalledWith(newPortal);
  });

  it('answers invalid-input naming each bad field, and never calls the handler', async () => {
    const service = new FakeService();
    const result = await dispatchCommand(service.handlers, 'addPortal', { url: 'http://gis.example.com', username: '' }, recordingLogger());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.message).toContain('url: Use https://');
    expect(result.error.message).toContain('username: Enter the administrator user name');
    expect(result.error.message).toContain('password:');
    expect(service.handlers.addPortal).not.toHaveBeenCalled();
  });

  it('names nested fields and a missing payload', async () => {
    const service = new FakeService();
    const nested = await dispatchCommand(service.handlers, 'updateSettings', { quietHours: { start: '25:00' } }, recordingLogger());
    expect(nested).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('quietHours.start: use HH:MM') } });
    const missing = await dispatchCommand(service.handlers, 'getSnapshot', undefined, recordingLogger());
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^input: /) } });
    expect(service.handlers.updateSettings).not.toHaveBeenCalled();
    expect(service.handlers.getSnapshot).not.toHaveBeenCalled();
  });

  it('keeps a TaskwatchError’s code and message', async () => {
    const service = new FakeService();
    service.handlers.removePortal.mockRejectedValueOnce(new TaskwatchError('not-found', 'No portal https://x.example.com is saved.'));
    const result = await dispatchCommand(service.handlers, 'removePortal', { id: 'https://x.example.com' }, recordingLogger());
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: 'No portal https://x.example.com is saved.' } });
  });

  it('turns any other error into "internal" without leaking its text, and logs it', async () => {
    const service = new FakeService();
    const logger = recordingLogger();
    service.handlers.pollNow.mockRejectedValueOnce(new Error('ECONNRESET at /home/admin/.secret-path token=abc123'));
    const result = await dispatchCommand(service.handlers, 'pollNow', {}, logger);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } });
    expect(JSON.stringify(result)).not.toContain('abc123');
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({ level: 'error', message: expect.stringContaining('pollNow') });
    expect(String(logger.lines[0]!.fields?.error)).toContain('ECONNRESET');
  });

  it('answers "internal" and logs when a value cannot be put on the wire', async () => {
    const service = new FakeService();
    const logger = recordingLogger();
    service.handlers.getSnapshot.mockResolvedValueOnce(snapshotWith({ tasks: [{ ...taskSummary(), recentOutcomes: undefined } as never] }));
    const result = await dispatchCommand(service.handlers, 'getSnapshot', {}, logger);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } });
    expect(logger.lines[0]).toMatchObject({ level: 'error', message: 'Command getSnapshot returned a value that could not be encoded' });
  });

  it('lets only what the contract declares leave main', async () => {
    const service = new FakeService();
    // A core bug that would put a password on the view must not reach the renderer.
    service.handlers.addPortal.mockResolvedValueOnce({ ...portalView(), password: 's3cret-pass' } as never);
    const result = await dispatchCommand(service.handlers, 'addPortal', newPortal, recordingLogger());
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('s3cret-pass');

    const logger = recordingLogger();
    service.handlers.testPortal.mockResolvedValueOnce({ taskCount: 'three' } as never);
    const wrong = await dispatchCommand(service.handlers, 'testPortal', newPortal, logger);
    expect(wrong).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } });
    expect(logger.lines[0]?.fields?.issues).toEqual(['taskCount: invalid_type']);
  });
});
