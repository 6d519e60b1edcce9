// Calendar periods of the leaderboards (UTC), as Stack Exchange's reputation leagues count them:
// this week (ISO, from Monday), this month, this year.
export type PeriodKind = 'WEEK' | 'MONTH' | 'YEAR';

export function periodOf(kind: PeriodKind, at: Date): string {
  const year = at.getUTCFullYear();
  if (kind === 'YEAR') return `Y${year}`;
  if (kind === 'MONTH') return `M${year}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
  // ISO week: Monday to Sunday, numbered in the year of its Thursday.
  const thursday = new Date(Date.UTC(year, at.getUTCMonth(), at.getUTCDate() - ((at.getUTCDay() + 6) % 7) + 3));
  const weekYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * 86_400_000));
  return `W${weekYear}-${String(week).padStart(2, '0')}`;
}

const PERIOD_KINDS: readonly PeriodKind[] = ['WEEK', 'MONTH', 'YEAR'];

export function periodKey(boardId: string, period: string): string {
  return `${boardId}|${period}`;
}

/** The keys of the week, month and year rows that a change on a board at `at` counts toward. */
export function periodKeysOf(boardId: string, at: Date): string[] {
  return PERIOD_KINDS.map((kind) => periodKey(boardId, periodOf(kind, at)));
}
