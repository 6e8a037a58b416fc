import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';

/** A suspicious line in `.env`: where, which key, and what to do (never the value). */
export interface DotEnvProblem {
  line: number;
  key?: string;
  message: string;
}

/** What {@link loadDotEnv} read. */
export interface DotEnvResult {
  path: string;
  problems: DotEnvProblem[];
}

/**
 * Reads `.env` from the working directory into `env`, without overriding variables that are
 * already set (the real environment wins; an empty or blank value counts as unset, as in the
 * config). A missing file is fine (`undefined`). Common mistakes are reported as `problems` for
 * the caller to print.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): DotEnvResult | undefined {
  const path = join(cwd, '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  for (const [key, value] of Object.entries(parse(text))) {
    if (!env[key]?.trim()) env[key] = value;
  }
  return { path, problems: inspectDotEnv(text) };
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)(\s*)=(\s*)(.*)$/;

/**
 * Finds the `.env` mistakes that silently break a setup: spaces around `=`, JSON spread over
 * several lines, JSON without quotes (a `#` inside starts a comment), JSON in double quotes
 * (its own quotes end the value), and lines that are not `KEY=value` at all.
 */
export function inspectDotEnv(text: string): DotEnvProblem[] {
  const problems: DotEnvProblem[] = [];
  const lines = text.split(/\r?\n/);
  const parsed = parse(text);
  let openQuote: string | undefined; // inside a multi-line quoted value
  let strayFrom: number | undefined;
  const flushStray = (end: number) => {
    if (strayFrom === undefined) return;
    const range =
      end - 1 > strayFrom ? `lines ${strayFrom}–${end - 1} are` : `line ${strayFrom} is`;
    problems.push({ line: strayFrom, message: `${range} not KEY=value and were ignored.` });
    strayFrom = undefined;
  };
  lines.forEach((raw, index) => {
    const number = index + 1;
    if (openQuote) {
      if (raw.includes(openQuote)) openQuote = undefined;
      return;
    }
    if (raw.trim() === '' || raw.trim().startsWith('#')) {
      flushStray(number);
      return;
    }
    const match = ASSIGNMENT.exec(raw);
    if (!match) {
      strayFrom ??= number;
      return;
    }
    flushStray(number);
    const [, key = '', before = '', after = '', rest = ''] = match;
    if (before !== '' || after !== '') {
      problems.push({
        line: number,
        key,
        message: `spaces around "=" — write ${key}=value. Docker's --env-file and shells keep or reject those spaces.`,
      });
    }
    const value = rest.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && value.indexOf(quote, 1) === -1) {
      openQuote = quote; // a legitimate multi-line quoted value
      return;
    }
    if (value.startsWith('"{') || value.startsWith('"[')) {
      problems.push({
        line: number,
        key,
        message: `JSON in double quotes: its own quotes end the value early. Use single quotes: ${key}='{"…": "…"}'.`,
      });
      return;
    }
    if (value.startsWith('{') || value.startsWith('[')) {
      const next = lines.slice(index + 1).find((line) => line.trim() !== '');
      if (
        !isJson(value) &&
        next !== undefined &&
        !ASSIGNMENT.test(next) &&
        !next.trim().startsWith('#')
      ) {
        problems.push({
          line: number,
          key,
          message: `multi-line JSON: only this first line was read. Put the whole JSON on one line, in single quotes: ${key}='{"…": "…"}'.`,
        });
      } else if (!isJson(parsed[key] ?? '')) {
        problems.push({
          line: number,
          key,
          message: `unquoted JSON that does not survive parsing (a "#" starts a comment). Wrap it in single quotes: ${key}='{"…": "…"}'.`,
        });
      } else {
        problems.push({
          line: number,
          key,
          message: `unquoted JSON: it works here but breaks with a "#" or in other tools. Wrap it in single quotes: ${key}='{"…": "…"}'.`,
        });
      }
    }
  });
  flushStray(lines.length + 1);
  // The continuation lines of multi-line JSON are explained by its own message.
  return problems.filter(
    (problem, _index, all) =>
      problem.key !== undefined ||
      !all.some(
        (other) =>
          other.key !== undefined &&
          other.line === problem.line - 1 &&
          other.message.startsWith('multi-line'),
      ),
  );
}

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
