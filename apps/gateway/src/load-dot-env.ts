import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectEnvFile, type EnvFileIssue } from '@geminicli2api/env-file';
import { parse } from 'dotenv';

/** What {@link loadDotEnv} read. */
export interface DotEnvResult {
  path: string;
  /** Mistakes in the file (the same checks as the health-check's `config`). */
  problems: EnvFileIssue[];
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
  const values = parse(text);
  for (const [key, value] of Object.entries(values)) {
    if (!env[key]?.trim()) env[key] = value;
  }
  return { path, problems: inspectEnvFile(text, values) };
}
