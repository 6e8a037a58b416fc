import type { z } from 'zod';

/** One schema violation; never carries the offending value (it may be a prompt or a secret). */
export interface AnthropicValidationIssue {
  /** Anthropic-style dotted path, indexes as segments: `messages.0.content.1.type`. */
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into the path + message pairs Anthropic's `invalid_request_error` messages
 * use (`messages.1.content.0.type: …`). For a value that matched no branch of a union, the
 * branch that got furthest is reported, so the path points at the real mistake.
 */
export function formatAnthropicIssues(issues: readonly Issue[]): AnthropicValidationIssue[] {
  return issues.map((issue) => {
    const deepest = deepestIssue(issue, []);
    return { path: deepest.path.map(String).join('.'), message: deepest.message };
  });
}

/** `"<path>: <message>"` for the first issue: the message of the 400 a bad body gets. */
export function describeAnthropicIssues(issues: readonly Issue[]): string {
  const [first] = formatAnthropicIssues(issues);
  if (!first) return 'Invalid request body.';
  return first.path ? `${first.path}: ${first.message}` : first.message;
}

function deepestIssue(
  issue: Issue,
  prefix: readonly PropertyKey[],
): { path: PropertyKey[]; message: string } {
  const path = [...prefix, ...issue.path];
  let best = { path, message: issue.message };
  if (issue.code !== 'invalid_union') return best;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const candidate = deepestIssue(inner, path);
      if (candidate.path.length > best.path.length) best = candidate;
    }
  }
  return best;
}
