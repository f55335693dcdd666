import type { IssueSummary } from '../../api/client.ts';

/** The newest issue by year and number (the list's order is the server's business, not ours). */
export function latestIssue(issues: readonly IssueSummary[]): IssueSummary | undefined {
  return [...issues].sort((a, b) => b.year - a.year || b.number - a.number)[0];
}

export function sortIssues(issues: readonly IssueSummary[]): IssueSummary[] {
  return [...issues].sort((a, b) => b.year - a.year || b.number - a.number);
}
