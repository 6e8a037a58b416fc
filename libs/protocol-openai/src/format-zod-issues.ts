import type { z } from 'zod';

/** One schema violation, by path; never carries the offending value. */
export interface ValidationIssue {
  /** Dotted path with bracketed indexes, e.g. `messages[0].role`. */
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into path + message pairs for error bodies (`param` and `message`). For a
 * value that matched no branch of a union (e.g. content as string or parts), the issue of the
 * branch that got furthest is reported, so the path points at the real mistake. Values are
 * deliberately left out: a rejected value may be a prompt or a secret.
 */
export function formatZodIssues(issues: readonly Issue[]): ValidationIssue[] {
  return issues.map((issue) => {
    const deepest = deepestIssue(issue, []);
    return { path: formatPath(deepest.path), message: deepest.issue.message };
  });
}

function deepestIssue(
  issue: Issue,
  prefix: readonly PropertyKey[],
): { issue: Issue; path: PropertyKey[] } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  let best: { issue: Issue; path: PropertyKey[] } = { issue, path };
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const candidate = deepestIssue(inner, path);
      if (candidate.path.length > best.path.length) best = candidate;
    }
  }
  return best;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
