import { parseArgs } from 'node:util';
import { CHECK_NAMES, type CheckName } from './check-result';

/** Usage text for `--help` and usage errors. */
export const USAGE = `Usage: geminicli2api-health-check [options]

Diagnoses a geminicli2api gateway and the local setup.

Options:
  --url <url>          gateway base URL (default http://localhost:\${PORT:-8888})
  --password <pw>      gateway password (default GEMINI_AUTH_PASSWORD from the environment or .env)
  --json               print one JSON object (schema: docs/health-check.md)
  --wait <seconds>     poll /health until the gateway is up (CI after "docker compose up")
  --online             also test token refresh and DNS/TCP/TLS to Google (through the proxy)
  --generate           also run one tiny completion, unary and streamed
  --model <id>         model for --generate (default: the first of /v1/models)
  --report <file>      write a redacted diagnostics bundle (JSON) to <file>
  --log-file <file>    include the last lines of this log in the report bundle (redacted)
  --env-file <file>    the .env to check and read (default ./.env)
  --container <name>   the gateway's Docker container (default: any named/imaged geminicli2api)
  --only <checks>      run only these checks (comma-separated; repeatable)
  --skip <checks>      skip these checks (comma-separated; repeatable)
  --strict             warnings also fail (exit 1)
  --timeout <seconds>  timeout of each network step (default 5)
  --help               show this help

Checks: ${CHECK_NAMES.join(', ')}
Exit codes: 0 healthy, 1 a check failed (or warned, with --strict), 2 usage error.
`;

/** Validated command-line options. */
export interface CliOptions {
  url: string | undefined;
  password: string | undefined;
  json: boolean;
  waitSeconds: number;
  online: boolean;
  generate: boolean;
  model: string | undefined;
  report: string | undefined;
  logFile: string | undefined;
  envFile: string | undefined;
  container: string | undefined;
  checks: CheckName[];
  strict: boolean;
  timeoutMs: number;
  help: boolean;
}

/** A mistake on the command line (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

function checkList(values: string[] | undefined, option: string): CheckName[] | undefined {
  if (!values) return undefined;
  const names = values
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(CHECK_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new UsageError(
      `${option}: unknown check ${unknown.join(', ')} (known: ${CHECK_NAMES.join(', ')})`,
    );
  return names as CheckName[];
}

function seconds(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0)
    throw new UsageError(`${option} needs a number of seconds, got "${value}"`);
  return number;
}

/** Parses and validates argv; throws {@link UsageError}. */
export function parseCliOptions(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        password: { type: 'string' },
        json: { type: 'boolean', default: false },
        wait: { type: 'string' },
        online: { type: 'boolean', default: false },
        generate: { type: 'boolean', default: false },
        model: { type: 'string' },
        report: { type: 'string' },
        'log-file': { type: 'string' },
        'env-file': { type: 'string' },
        container: { type: 'string' },
        only: { type: 'string', multiple: true },
        skip: { type: 'string', multiple: true },
        strict: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.url !== undefined && !/^https?:\/\/[^\s/]+/.test(values.url)) {
    throw new UsageError(`--url must be an http(s) URL, got "${values.url}"`);
  }
  const only = checkList(values.only, '--only');
  const skip = checkList(values.skip, '--skip') ?? [];
  const checks = (only ?? [...CHECK_NAMES]).filter((name) => !skip.includes(name));
  if (checks.length === 0) throw new UsageError('--only/--skip leave no check to run');
  return {
    url: values.url?.replace(/\/+$/, ''),
    password: values.password,
    json: values.json,
    waitSeconds: seconds(values.wait, '--wait', 0),
    online: values.online,
    generate: values.generate,
    model: values.model,
    report: values.report,
    logFile: values['log-file'],
    envFile: values['env-file'],
    container: values.container,
    checks: CHECK_NAMES.filter((name) => checks.includes(name)),
    strict: values.strict,
    timeoutMs: seconds(values.timeout, '--timeout', 5) * 1000 || 5000,
    help: values.help,
  };
}
