/** One mistake in a `.env` file: where, which variable, how bad, and what to do (never the value). */
export interface EnvFileIssue {
  /** 1-based line number. */
  line: number;
  /** The last line, when the issue spans several. */
  lastLine?: number;
  key?: string | undefined;
  /** `fail`: the value is not read as written; `warn`: it is, but other tools read it differently. */
  severity: 'warn' | 'fail';
  /** What follows "line N" (or "lines N–M"), e.g. `has spaces around "="…`. */
  problem: string;
}

const ASSIGNMENT = /^(\s*)(export\s+)?([A-Za-z_][\w.-]*)(\s*)=(\s*)(.*)$/;

/**
 * Finds the `.env` mistakes that silently break a setup. `values` is the file as the gateway
 * reads it (dotenv's `parse`), so a JSON value is judged by what actually arrives; what only
 * Docker's `env_file` and shells read differently is a warning. Checked: spaces around `=`, JSON
 * spread over several lines, JSON without quotes (a `#` starts a comment) or in double quotes
 * (elsewhere its own quotes end the value), multi-line quoted values, variables set twice, and
 * lines that are not `KEY=value`. Messages name lines and keys, never values: a `.env` holds
 * secrets.
 */
export function inspectEnvFile(text: string, values: Record<string, string>): EnvFileIssue[] {
  const issues: EnvFileIssue[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let openQuote: string | undefined; // inside a multi-line quoted value
  let jsonKey: string | undefined; // the key whose JSON did not end on its line
  let stray: { from: number; to: number } | undefined;
  const flushStray = () => {
    if (!stray) return;
    const { from, to } = stray;
    const many = to > from;
    issues.push({
      line: from,
      ...(many ? { lastLine: to } : {}),
      key: jsonKey,
      severity: 'fail',
      problem: jsonKey
        ? `${many ? 'continue' : 'continues'} the multi-line JSON of ${jsonKey}, which is ignored: put the whole JSON on one line, in single quotes`
        : `${many ? 'are' : 'is'} not KEY=value and ${many ? 'were' : 'was'} ignored (each line must be NAME=value, a comment or empty)`,
    });
    stray = undefined;
  };
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = undefined;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      flushStray();
      return;
    }
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      if (stray) stray.to = lineNo;
      else stray = { from: lineNo, to: lineNo };
      return;
    }
    flushStray();
    jsonKey = undefined;
    const [, indent = '', , key = '', before = '', after = '', rawValue = ''] = match;
    const issue = (severity: EnvFileIssue['severity'], problem: string) =>
      issues.push({ line: lineNo, key, severity, problem });
    const previous = seen.get(key);
    if (previous !== undefined)
      issue('warn', `sets ${key} again (first on line ${previous}); the last one wins`);
    seen.set(key, lineNo);
    if (before || after || indent) {
      issue(
        'warn',
        `has spaces around "=" or before ${key}: write ${key}=value (Docker's env_file keeps the spaces as part of the name or value)`,
      );
    }
    const value = rawValue.trimEnd();
    const quote = value[0];
    const json = /^["']?[[{]/.test(value);
    const readAsJson = isJson(values[key]);
    if (quote === '"' && json) {
      if (readAsJson) {
        issue(
          'warn',
          `wraps JSON in double quotes: the gateway reads it, but Docker's env_file and shells end the value at the JSON's own quotes. Use single quotes: ${key}='{"…": "…"}'`,
        );
      } else {
        issue(
          'fail',
          `wraps JSON in double quotes and is not read as JSON (its own quotes or a "#" end the value). Use single quotes: ${key}='{"…": "…"}'`,
        );
      }
      return;
    }
    if (quote === "'" || quote === '"' || quote === '`') {
      if (value.indexOf(quote, 1) === -1) {
        issue(
          'warn',
          `starts a multi-line quoted value for ${key}: the gateway reads it but Docker's env_file does not. Put it on one line`,
        );
        openQuote = quote;
      }
      return;
    }
    if (!json) return;
    if (readAsJson) {
      issue(
        'warn',
        `holds unquoted JSON: it works here, but a "#" in it would start a comment. Wrap it in single quotes: ${key}='{"…": "…"}'`,
      );
    } else if (isJson(value)) {
      issue(
        'fail',
        `holds unquoted JSON with a "#", where the value is cut (a "#" starts a comment). Wrap it in single quotes: ${key}='{"…": "…"}'`,
      );
    } else {
      jsonKey = key;
      issue(
        'fail',
        `starts JSON for ${key} that does not end on this line: only this line is read. Put the whole JSON on one line, in single quotes: ${key}='{"…": "…"}'`,
      );
    }
  });
  flushStray();
  return issues;
}

function isJson(text: string | undefined): boolean {
  if (text === undefined) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** An issue as one sentence: `line 3 has spaces around "="…`, `lines 4–6 continue…`. */
export function formatEnvFileIssue(issue: EnvFileIssue): string {
  const where =
    issue.lastLine !== undefined ? `lines ${issue.line}–${issue.lastLine}` : `line ${issue.line}`;
  return `${where} ${issue.problem}`;
}
