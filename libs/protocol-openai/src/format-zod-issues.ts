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
 * branch that got furthest is reported, so the path points at the real mistake; at equal depth,
 * a branch whose type matched but whose rule failed (six stop sequences: at most 5), and when
 * no type matched, the types the union takes. Values are deliberately left out: a rejected value
 * may be a prompt or a secret.
 */
export function formatZodIssues(issues: readonly Issue[]): ValidationIssue[] {
  return issues.map((issue) => {
    const deepest = deepestIssue(issue, []);
    return { path: formatPath(deepest.path), message: deepest.message };
  });
}

interface Located {
  issue: Issue;
  path: PropertyKey[];
  message: string;
}

function deepestIssue(issue: Issue, prefix: readonly PropertyKey[]): Located {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0)
    return { issue, path, message: issue.message };
  let best: Located = { issue, path, message: issue.message };
  const typeMismatches: Issue[] = [];
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const candidate = deepestIssue(inner, path);
      const deeper = candidate.path.length > best.path.length;
      const level = candidate.path.length === path.length;
      if (level && candidate.issue.code === 'invalid_type') typeMismatches.push(candidate.issue);
      if (deeper || (level && best.issue === issue && candidate.issue.code !== 'invalid_type'))
        best = candidate;
    }
  }
  if (best.issue !== issue || typeMismatches.length === 0) return best;
  return { issue, path, message: typeMismatchMessage(typeMismatches) };
}

/** "Invalid input: expected string or array, received number" for a union no type matched. */
function typeMismatchMessage(mismatches: readonly Issue[]): string {
  const expected = [
    ...new Set(mismatches.map((issue) => ('expected' in issue ? String(issue.expected) : ''))),
  ].filter(Boolean);
  const received = mismatches
    .map((issue) => /received (\w+)/.exec(issue.message)?.[1])
    .find(Boolean);
  return `Invalid input: expected ${expected.join(' or ')}${received ? `, received ${received}` : ''}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
