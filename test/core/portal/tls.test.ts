import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchCertificateFingerprint } from '../../../src-main/core/portal';
import { startSimulatedPortal, type SimTask, type SimulatedPortal } from '../../../src-main/sim';
import { selfSignedCertificate, type TestCertificate } from '../../support/certs';
import { startConnectProxy, type TestProxy } from '../../support/proxy';
import { clientFor, failureOf } from './harness';

const task: SimTask = { id: 'gp1', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?' };

let localCert: TestCertificate;
let otherCert: TestCertificate;
beforeAll(async () => {
  localCert = await selfSignedCertificate();
  otherCert = await selfSignedCertificate('portal.internal', ['portal.internal']);
});

const cleanups: (() => Promise<void>)[] = [];
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];
const savedEnv = { ...process.env };
// A proxy set on the machine running the tests must not decide where these requests go.
beforeEach(() => {
  for (const name of PROXY_VARIABLES) delete process.env[name];
});
afterEach(async () => {
  for (const name of PROXY_VARIABLES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function httpsSim(cert: TestCertificate, port?: number): Promise<SimulatedPortal> {
  const sim = await startSimulatedPortal({ tls: cert, tasks: [task], port });
  cleanups.push(() => sim.close());
  return sim;
}

async function proxy(): Promise<TestProxy> {
  const started = await startConnectProxy();
  cleanups.push(() => started.close());
  return started;
}

describe('HTTPS with a pinned certificate', () => {
  it('trusts a pinned self-signed certificate, in any common spelling of the fingerprint', async () => {
    const sim = await httpsSim(localCert);
    expect((await clientFor(sim, { fingerprint: localCert.fingerprint }).listTasks()).tasks).toHaveLength(1);
    const colons = localCert.fingerprint.toLowerCase().match(/../g)!.join(':');
    expect((await clientFor(sim, { fingerprint: colons }).testConnection()).taskCount).toBe(1);
  });

  it('streams a task\'s runs over the pinned connection too', async () => {
    const sim = await httpsSim(localCert);
    sim.addRuns('gp1', [1, 2].map((hour) => ({ status: 'failed', result: `run ${hour}`, startedAt: hour * 3_600_000 })));
    const page = await clientFor(sim, { fingerprint: localCert.fingerprint }).listRuns('gp1');
    expect(page.runs.map((run) => run.result)).toEqual(['run 2', 'run 1']);
  });

  it('trusts a pinned certificate issued for another host name: the pin is the stronger check', async () => {
    const sim = await httpsSim(otherCert);
    expect((await clientFor(sim, { fingerprint: otherCert.fingerprint }).listTasks()).tasks).toHaveLength(1);
  });

  it('refuses an unpinned self-signed portal before sending anything, naming the fingerprint to pin', async () => {
    const sim = await httpsSim(localCert);
    const error = await failureOf(clientFor(sim).listTasks());
    expect(error).toMatchObject({ kind: 'unreachable' });
    expect(error.message).toContain(`${sim.baseUrl}/sharing/rest/generateToken presented a certificate that is not trusted (self-signed`);
    expect(error.message).toContain(`Its SHA-256 fingerprint is ${localCert.fingerprint}`);
    expect(error.message).toContain(`--fingerprint ${localCert.fingerprint}`);
    expect(sim.requestLog).toEqual([]); // the password never left
  });

  it('refuses a certificate that does not match the pin, naming both fingerprints', async () => {
    const sim = await httpsSim(localCert);
    const error = await failureOf(clientFor(sim, { fingerprint: otherCert.fingerprint }).listTasks());
    expect(error).toMatchObject({ kind: 'unreachable' });
    expect(error.message).toContain(`presented a certificate with SHA-256 fingerprint ${localCert.fingerprint}, which does not match the pinned ${otherCert.fingerprint}`);
    expect(sim.requestLog).toEqual([]);
  });

  it('notices when the certificate changes after it was pinned', async () => {
    const first = await httpsSim(localCert);
    const client = clientFor(first, { fingerprint: localCert.fingerprint });
    await client.listTasks();
    const port = Number(new URL(first.baseUrl).port);
    await first.close();
    const replaced = await httpsSim(otherCert, port);
    const error = await failureOf(client.listTasks());
    expect(error.message).toContain(`fingerprint ${otherCert.fingerprint}, which does not match the pinned ${localCert.fingerprint}`);
    expect(replaced.requestLog).toEqual([]);
  });

  it('rejects a fingerprint that is not a SHA-256', async () => {
    const sim = await httpsSim(localCert);
    expect(() => clientFor(sim, { fingerprint: 'AB:CD' })).toThrow(/64 hex digits/);
  });
});

describe('fetchCertificateFingerprint', () => {
  it('shows what the portal presents, for an admin to pin', async () => {
    const sim = await httpsSim(localCert);
    const info = await fetchCertificateFingerprint(sim.baseUrl);
    expect(info).toMatchObject({ fingerprint: localCert.fingerprint, selfSigned: true });
    expect(info.subject).toContain('CN=localhost');
    expect(info.issuer).toContain('CN=localhost');
    expect(new Date(info.validTo).getTime()).toBeGreaterThan(Date.now());
  });
});

describe('proxies', () => {
  it('tunnels through HTTPS_PROXY (probe and requests), TLS and pin end to end', async () => {
    const sim = await httpsSim(localCert);
    const corporate = await proxy();
    process.env.HTTPS_PROXY = corporate.url;
    const client = clientFor(sim, { fingerprint: localCert.fingerprint });
    await client.listTasks();
    await client.getTask('gp1');
    const target = new URL(sim.baseUrl).host;
    expect(corporate.tunnels.length).toBe(2); // certificate probe, then one kept connection: token, two requests
    expect(new Set(corporate.tunnels)).toEqual(new Set([target]));
    expect(sim.countRequests()).toBe(3);
  });

  it('explains an unpinned self-signed portal behind the proxy too', async () => {
    const sim = await httpsSim(localCert);
    const corporate = await proxy();
    process.env.https_proxy = corporate.url;
    const error = await failureOf(clientFor(sim).listTasks());
    expect(error.message).toContain(`--fingerprint ${localCert.fingerprint}`);
    expect(corporate.tunnels.length).toBe(2);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const sim = await httpsSim(localCert);
    const corporate = await proxy();
    process.env.HTTPS_PROXY = corporate.url;
    process.env.NO_PROXY = 'example.com,127.0.0.1';
    await clientFor(sim, { fingerprint: localCert.fingerprint }).listTasks();
    expect(corporate.tunnels).toEqual([]);
    expect(sim.countRequests()).toBe(2);
  });
});
