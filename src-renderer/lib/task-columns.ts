import type { SortKey } from './task-sort';

/**
 * The task table's columns and which of them fit. The task name is what the admin reads, so it is
 * always shown and never narrower than its minimum; the other columns yield in priority order (the
 * least important first) until the rest fit. Widths are in rem so they follow the font size.
 */
export type ColumnKey = SortKey | 'recent';

export interface ColumnSpec {
  key: ColumnKey;
  label: string;
  /** Room for its usual content (e.g. "Enterprise on Kubernetes"); with less, the column is hidden rather than cut. */
  minRem: number;
  /** A column stops growing here; the task name takes what is left. */
  maxRem: number;
  /** 0 = always shown; higher yields earlier. */
  priority: number;
}

/** In table order. */
export const TASK_COLUMNS: readonly ColumnSpec[] = [
  { key: 'health', label: 'Status', minRem: 8.5, maxRem: 9, priority: 1 },
  { key: 'portal', label: 'Portal', minRem: 14.5, maxRem: 17, priority: 4 },
  { key: 'title', label: 'Task', minRem: 13, maxRem: Infinity, priority: 0 },
  { key: 'type', label: 'Type', minRem: 12, maxRem: 14, priority: 7 },
  { key: 'state', label: 'State', minRem: 5.5, maxRem: 6, priority: 8 },
  { key: 'schedule', label: 'Schedule', minRem: 14, maxRem: 19, priority: 5 },
  { key: 'nextRun', label: 'Next run', minRem: 17, maxRem: 20, priority: 3 },
  { key: 'lastRun', label: 'Last run', minRem: 16, maxRem: 17, priority: 2 },
  { key: 'recent', label: 'Recent runs', minRem: 9.4, maxRem: 9.4, priority: 6 },
];

export interface FittedColumn extends ColumnSpec {
  widthRem: number;
}

/** The task name grows to this before the other columns take their extra room. */
const TITLE_COMFORT_REM = 16;

/**
 * The columns that fit `availableRem`, each with its width: the sum never exceeds the space (so nothing
 * overlaps or scrolls sideways), unless the task name alone is wider than it.
 */
export function fitColumns(availableRem: number, columns: readonly ColumnSpec[] = TASK_COLUMNS): FittedColumn[] {
  const byPriority = [...columns].sort((a, b) => a.priority - b.priority);
  const shown = new Set<ColumnKey>();
  let used = 0;
  for (const column of byPriority) {
    if (column.priority !== 0 && used + column.minRem > availableRem) break;
    shown.add(column.key);
    used += column.minRem;
  }
  const fitted = columns.filter((column) => shown.has(column.key)).map((column) => ({ ...column, widthRem: column.minRem }));
  let spare = Math.max(0, availableRem - used);

  const grow = (column: FittedColumn, limit: number) => {
    const step = Math.min(spare, Math.max(0, limit - column.widthRem));
    column.widthRem += step;
    spare -= step;
  };
  const title = fitted.find((column) => column.priority === 0);
  if (title) grow(title, TITLE_COMFORT_REM);
  // The others share what is left in proportion to what they still want, so none is cut while another idles.
  const others = fitted.filter((column) => column !== title);
  const wanted = others.reduce((sum, column) => sum + (column.maxRem - column.widthRem), 0);
  if (wanted > 0) {
    const share = Math.min(1, spare / wanted);
    for (const column of others) grow(column, column.widthRem + (column.maxRem - column.widthRem) * share);
  }
  if (title) grow(title, Infinity);
  return fitted;
}
