/** What polling a portal costs, for metrics: the last poll's duration and the requests made so far. */
export interface PortalPollStats {
  /** From the poll's first use of the portal's client to its events; null before the first poll ends. */
  lastPollMs: number | null;
  /** Every request sent to the portal (tokens, task lists, runs) since Taskwatch started. */
  requests: number;
}

interface Counting {
  readonly requestCount: number;
}

/**
 * Watches polls from outside the monitor: a poll starts when the monitor first asks for the portal's
 * client and ends when its events arrive. Requests are counted as the growth of each client's own
 * counter, so a client replaced after an edit neither loses nor repeats counts.
 */
export class PollStats {
  readonly #polls = new Map<string, { startedAt: number; clients: Set<Counting> }>();
  readonly #stats = new Map<string, PortalPollStats>();
  readonly #countedOf = new WeakMap<Counting, number>();

  /** Called whenever the monitor takes the portal's client: the first call of a poll marks its start. */
  clientTaken(portalId: string, now: number, client: Counting): void {
    const poll = this.#polls.get(portalId) ?? { startedAt: now, clients: new Set<Counting>() };
    poll.clients.add(client); // a learnt zone swaps the client mid-poll: both count
    this.#polls.set(portalId, poll);
  }

  pollEnded(portalId: string, now: number): void {
    const stats = this.of(portalId);
    const poll = this.#polls.get(portalId);
    this.#polls.delete(portalId);
    let requests = stats.requests;
    for (const client of poll?.clients ?? []) {
      requests += client.requestCount - (this.#countedOf.get(client) ?? 0);
      this.#countedOf.set(client, client.requestCount);
    }
    this.#stats.set(portalId, { lastPollMs: poll ? now - poll.startedAt : stats.lastPollMs, requests });
  }

  of(portalId: string): PortalPollStats {
    return this.#stats.get(portalId) ?? { lastPollMs: null, requests: 0 };
  }

  /** Drops portals no longer configured. */
  keepOnly(portalIds: Set<string>): void {
    for (const portalId of this.#stats.keys()) if (!portalIds.has(portalId)) this.#stats.delete(portalId);
  }
}
