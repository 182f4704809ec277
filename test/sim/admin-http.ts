/** Plain HTTP against a simulated portal, as any client would talk to it: a token, then admin GETs. */
import type { SimulatedPortal } from '../../src-main/sim';

export async function tokenAnswer(sim: SimulatedPortal, username = 'admin', password = 'admin-password'): Promise<Record<string, unknown>> {
  const body = new URLSearchParams({ username, password, client: 'referer', referer: 'taskwatch', expiration: '60', f: 'json' });
  return (await fetch(sim.tokenUrl, { method: 'POST', body })).json() as Promise<Record<string, unknown>>;
}

export async function adminToken(sim: SimulatedPortal): Promise<string> {
  return String((await tokenAnswer(sim)).token);
}

/** GET `<admin root><path>?<query>`, with the token in the header when given. */
export function adminGet(sim: SimulatedPortal, path: string, bearer?: unknown, query = 'f=json', init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = bearer ? { 'X-Esri-Authorization': `Bearer ${String(bearer)}` } : {};
  return fetch(`${sim.adminUrl}${path}?${query}`, { ...init, headers });
}
