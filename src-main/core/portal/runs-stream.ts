/**
 * A task's runs answer, read as it streams in. The runs resource documents only `f`: a server may ignore
 * `start`/`num` and send every run at once (tens of thousands, each carrying a copy of the whole task),
 * so the answer is never held whole. Each run is checked on its own as it arrives (one bad run hides no
 * other), the embedded task copy is dropped unread, and only the compact runs are kept.
 */
import { answerError, assembleRunsPage, checkRunsPageMembers, webPageError } from './answers';
import type { BodyReader, ResponseHead } from './http';
import { HtmlAnswer, JsonResultStream, type JsonStreamLimits, type JsonStreamSummary } from './json-stream';
import { RawRun, parseItems, toPortalRun } from './schemas';
import type { PortalRun, RunsPage, SkippedItem } from './types';
import { wrongShape, type PortalRequestError } from './errors';

/**
 * The task copy in every run is the task as it is now, not as it was at that run (see API-NOTES): it says
 * nothing about the run and is ~1.5 KB of every run, so it is never read.
 */
const UNREAD_RUN_MEMBERS = ['task'];

export interface RunsAnswer {
  page: RunsPage;
  /** What reading cost: items, bytes, and the most bytes held at once. */
  stats: JsonStreamSummary;
}

export interface RunsAnswerOptions {
  /** The request URL without query: named in every error. */
  url: string;
  timeZone: string;
  /** The `start` asked for, used when the answer does not say. */
  requestedStart: number;
  limits?: Partial<JsonStreamLimits>;
  /** See RunsQuery. */
  wholeAnswerBytes?: number | undefined;
}

/** Reads one runs answer, whatever its size, into a page; fails with a PortalRequestError naming the URL. */
export function runsAnswerReader(options: RunsAnswerOptions): BodyReader<RunsAnswer> {
  const { url, timeZone } = options;
  const runs: PortalRun[] = [];
  const skipped: SkippedItem[] = [];
  const stream = new JsonResultStream({ url, limits: options.limits, wholeAnswerBytes: options.wholeAnswerBytes, dropMembers: UNREAD_RUN_MEMBERS, itemWords: ['run', 'runs'] }, (item, index) => {
    const checked = parseItems([item], RawRun, (raw) => toPortalRun(raw, timeZone), index);
    runs.push(...checked.items);
    skipped.push(...checked.skipped);
  });
  let head: ResponseHead = { status: 0, statusText: '', contentType: '' };

  /** What the scanner found wrong, in the words `readJson` would use for the same answer. */
  const reworded = (error: unknown): unknown => {
    if (error instanceof HtmlAnswer) return webPageError(url, head.status, head.statusText);
    if (head.status >= 400) return answerError(undefined, url, head.status, head.statusText);
    return error;
  };
  const guarded = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      throw reworded(error);
    }
  };

  return {
    start(received) {
      head = received;
      if (/html/i.test(head.contentType)) throw webPageError(url, head.status, head.statusText);
    },
    write: (chunk) => guarded(() => stream.write(chunk)),
    end() {
      const stats = guarded(() => stream.end());
      const failure: PortalRequestError | null = answerError(stats.members, url, head.status, head.statusText);
      if (failure) throw failure;
      if (!stats.hasResult) throw wrongShape(url, '"result": expected an array of runs');
      const members = checkRunsPageMembers(stats.members, url);
      return { page: assembleRunsPage(members, runs, skipped, stats.items, options.requestedStart), stats };
    },
  };
}
