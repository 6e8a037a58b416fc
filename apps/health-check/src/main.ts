#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { CheckContext } from './check-context';
import { parseCliOptions, USAGE, UsageError, type CliOptions } from './cli-options';
import { defaultEnvPath, readEnvFile } from './env-file';
import { createProgress } from './progress';
import { renderReport } from './render-report';
import { writeReportBundle } from './report-bundle';
import { runChecks } from './run-checks';
import { waitForGateway } from './wait-for-gateway';

/** This tool's version (kept in step with package.json). */
export const TOOL_VERSION = '0.1.0';

function buildContext(
  options: CliOptions,
  cwd: string,
): CheckContext & { container?: string | undefined } {
  const envFile = readEnvFile(
    options.envFile ? resolve(cwd, options.envFile) : defaultEnvPath(cwd),
  );
  // The gateway's precedence: the real environment wins over .env, unless it is empty or blank
  // (that counts as unset).
  const env: Record<string, string | undefined> = { ...process.env };
  for (const [key, value] of Object.entries(envFile.values)) {
    if (!env[key]?.trim()) env[key] = value;
  }
  const fromEnv = Boolean(process.env['GEMINI_AUTH_PASSWORD']?.trim());
  const password = options.password ?? env['GEMINI_AUTH_PASSWORD'];
  return {
    url: options.url ?? `http://localhost:${env['PORT']?.trim() || '8888'}`,
    password: password === '' ? undefined : password,
    passwordSource:
      options.password !== undefined ? '--password' : fromEnv ? 'GEMINI_AUTH_PASSWORD' : '.env',
    env,
    envFile,
    cwd,
    homeDir: homedir(),
    online: options.online,
    generate: options.generate,
    model: options.model,
    timeoutMs: options.timeoutMs,
    container: options.container,
  };
}

/** Colour on a terminal; `NO_COLOR` turns it off, `FORCE_COLOR` on (e.g. in CI logs). */
function useColor(): boolean {
  const force = process.env['FORCE_COLOR'];
  if (force !== undefined && force !== '0') return true;
  return Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
}

async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliOptions(argv);
    if (options.envFile && !existsSync(resolve(options.envFile)))
      throw new UsageError(`--env-file ${options.envFile} does not exist`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\nRun with --help for the options.\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const context = buildContext(options, process.cwd());
  const progress = createProgress(process.stderr, !options.json || Boolean(process.stderr.isTTY));
  if (options.waitSeconds > 0) {
    progress.update(`waiting up to ${options.waitSeconds} s for ${context.url}…`);
    const up = await waitForGateway(context.url, options.waitSeconds, (elapsed, reason) =>
      progress.update(`waiting for ${context.url}: ${elapsed} s (${reason})…`),
    );
    if (!up) progress.update(`${context.url} did not come up within ${options.waitSeconds} s`);
  }
  const report = await runChecks(options.checks, context, {
    strict: options.strict,
    version: TOOL_VERSION,
    onStart: (name, index, total) => progress.check(name, index, total),
  });
  progress.done();
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderReport(report, useColor()));
  if (options.report) {
    await writeReportBundle(options.report, report, context, options.logFile);
    if (!options.json) process.stdout.write(`Diagnostics bundle written to ${options.report}\n`);
  }
  return report.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `health-check crashed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
