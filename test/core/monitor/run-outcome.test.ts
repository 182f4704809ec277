import { describe, expect, it } from 'vitest';
import { alertKindOfOutcome, runOutcome } from '../../../src-main/core/monitor/run-outcome';

describe('what a run status word means', () => {
  it('reads every documented word: scheduled | executing | succeeded | skipped | failed | submitfailed', () => {
    const words = ['scheduled', 'executing', 'succeeded', 'skipped', 'failed', 'submitfailed'];
    expect(words.map(runOutcome)).toEqual(['in-progress', 'in-progress', 'success', 'skipped', 'failure', 'failure']);
  });

  it('counts words it has never seen as failures, and a missing word as unknown: both are alerted', () => {
    expect(['TIMED OUT', 'cancelled', ''].map((word) => alertKindOfOutcome(runOutcome(word)))).toEqual(['failed-run', 'failed-run', 'failed-run']);
    expect(runOutcome('  ')).toBe('unknown');
  });

  it('alerts a skipped run as a run that did not happen, and nothing for success or a run still going', () => {
    expect(alertKindOfOutcome(runOutcome('skipped'))).toBe('skipped-run');
    expect(alertKindOfOutcome(runOutcome('Succeeded'))).toBeNull();
    expect(alertKindOfOutcome(runOutcome('executing'))).toBeNull();
  });
});
