import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectEnvFile, type EnvFileIssue } from '@geminicli2api/env-file';
import { parse } from 'dotenv';

/** A `.env` file as the gateway would read it, plus the mistakes found in it. */
export interface EnvFileReport {
  path: string;
  present: boolean;
  /** Values exactly as the gateway's dotenv `parse` reads them. */
  values: Record<string, string>;
  /** The same checks the gateway runs on `.env` at start. */
  issues: EnvFileIssue[];
}

/** Reads and analyses `<cwd>/.env` (or the given path); a missing file is reported, not thrown. */
export function readEnvFile(path: string): EnvFileReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { path, present: false, values: {}, issues: [] };
  }
  const values = parse(text);
  return { path, present: true, values, issues: inspectEnvFile(text, values) };
}

/** The default `.env` location: the working directory, where the gateway looks. */
export function defaultEnvPath(cwd: string): string {
  return join(cwd, '.env');
}
