import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';

/**
 * Reads `.env` from the working directory into `env`, without overriding variables that are
 * already set (the real environment wins). A missing file is fine.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): string | undefined {
  const path = join(cwd, '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  for (const [key, value] of Object.entries(parse(text))) {
    if (env[key] === undefined) env[key] = value;
  }
  return path;
}
