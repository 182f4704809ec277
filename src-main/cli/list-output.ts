import type { Cli } from './runtime';

/**
 * A `list` command's answer: the items as JSON for scripts (`asJson` picks what of each is said), else one
 * line per item, or a sentence saying how to add the first.
 */
export function printList<T>(cli: Cli, json: boolean, items: readonly T[], empty: string, line: (item: T) => string, asJson: (item: T) => unknown = (item) => item): void {
  if (json) cli.out(JSON.stringify(items.map(asJson)));
  else if (items.length === 0) cli.out(empty);
  else for (const item of items) cli.out(line(item));
}
