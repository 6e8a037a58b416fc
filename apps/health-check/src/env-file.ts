import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';

/** One problem found in a `.env` file: where, which variable, and what is wrong (never the value). */
export interface EnvFileIssue {
  line: number;
  key?: string | undefined;
  severity: 'warn' | 'fail';
  problem: string;
}

/** A `.env` file as the gateway would read it, plus the mistakes found in it. */
export interface EnvFileReport {
  path: string;
  present: boolean;
  /** Values exactly as the gateway's dotenv `parse` reads them. */
  values: Record<string, string>;
  issues: EnvFileIssue[];
}

const ASSIGNMENT = /^(\s*)(export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)(\s*)=(\s*)(.*)$/;

/** Reads and analyses `<cwd>/.env` (or the given path); a missing file is reported, not thrown. */
export function readEnvFile(path: string): EnvFileReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { path, present: false, values: {}, issues: [] };
  }
  return { path, present: true, values: parse(text), issues: checkEnvText(text) };
}

/** The default `.env` location: the working directory, where the gateway looks. */
export function defaultEnvPath(cwd: string): string {
  return join(cwd, '.env');
}

/**
 * Line-based checks for the mistakes people make in `.env` files: spaces around `=`, JSON split
 * over several lines, JSON unquoted or in double quotes, lines that are not `KEY=value`,
 * variables set twice.
 */
export function checkEnvText(text: string): EnvFileIssue[] {
  const issues: EnvFileIssue[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let openQuote: { quote: string; key: string } | undefined;
  let lastJsonKey: string | undefined;
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (openQuote) {
      if (line.includes(openQuote.quote)) openQuote = undefined;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      issues.push({
        line: lineNo,
        key: lastJsonKey,
        severity: 'fail',
        problem: lastJsonKey
          ? `is not KEY=value: it continues the multi-line JSON of ${lastJsonKey}, which the gateway ignores. Put the whole JSON on one line, wrapped in single quotes`
          : 'is not KEY=value (every line must be NAME=value, a comment or empty)',
      });
      return;
    }
    const [, indent = '', , key = '', before = '', after = '', rawValue = ''] = match;
    lastJsonKey = undefined;
    const previous = seen.get(key);
    if (previous !== undefined) {
      issues.push({
        line: lineNo,
        key,
        severity: 'warn',
        problem: `sets ${key} again (first on line ${previous}); the last one wins`,
      });
    }
    seen.set(key, lineNo);
    if (before || after || indent) {
      issues.push({
        line: lineNo,
        key,
        severity: 'warn',
        problem: `has spaces around "=" or before ${key}: write ${key}=value (Docker's env_file keeps the spaces as part of the name or value)`,
      });
    }
    const value = rawValue.trimEnd();
    const quote = value[0];
    if (quote === "'" || quote === '"' || quote === '`') {
      const closed = value.length > 1 && value.indexOf(quote, 1) !== -1;
      if (quote === '"' && value.startsWith('"{')) {
        issues.push({
          line: lineNo,
          key,
          severity: 'fail',
          problem: `wraps JSON in double quotes, which the JSON's own quotes break: use single quotes, ${key}='{"…":"…"}'`,
        });
      } else if (!closed) {
        issues.push({
          line: lineNo,
          key,
          severity: 'warn',
          problem: `starts a multi-line quoted value for ${key}: the gateway accepts it but Docker's env_file does not. Put it on one line`,
        });
        openQuote = { quote, key };
      }
      return;
    }
    if (value.startsWith('{') || value.startsWith('[')) {
      if (isJson(value)) {
        issues.push({
          line: lineNo,
          key,
          severity: 'warn',
          problem: `holds unquoted JSON: wrap it in single quotes (${key}='{…}'), or a "#" in it starts a comment`,
        });
      } else {
        lastJsonKey = key;
        issues.push({
          line: lineNo,
          key,
          severity: 'fail',
          problem: `starts JSON for ${key} that does not end on this line: the gateway reads only this line. Put the whole JSON on one line, wrapped in single quotes`,
        });
      }
    }
  });
  return issues;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
