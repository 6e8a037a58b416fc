/** How one check came out. `skipped` never fails a run; `warn` fails only with `--strict`. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped';

/** Every check the tool knows, in the order it runs them. */
export const CHECK_NAMES = [
  'service',
  'auth',
  'endpoints',
  'accounts',
  'config',
  'credentials',
  'port',
  'upstream',
  'docker',
  'streaming',
] as const;

/** The name of one check. */
export type CheckName = (typeof CHECK_NAMES)[number];

/** The outcome of one check. */
export interface CheckResult {
  name: CheckName;
  status: CheckStatus;
  /** One line saying what was found; never contains a secret. */
  finding: string;
  /** Where to read how to fix it (`docs/troubleshooting.md#…`); undefined when nothing to fix. */
  fix?: string | undefined;
  /** Machine-readable facts (timings, counts, versions); never secrets. */
  details?: Record<string, unknown> | undefined;
}

/** A check's outcome before the runner adds the name and timing. */
export type CheckOutcome = Omit<CheckResult, 'name'>;

/** Shorthand constructors for check outcomes. */
export const outcome = {
  pass: (finding: string, details?: Record<string, unknown>): CheckOutcome => ({
    status: 'pass',
    finding,
    details,
  }),
  warn: (finding: string, fix?: string, details?: Record<string, unknown>): CheckOutcome => ({
    status: 'warn',
    finding,
    fix,
    details,
  }),
  fail: (finding: string, fix?: string, details?: Record<string, unknown>): CheckOutcome => ({
    status: 'fail',
    finding,
    fix,
    details,
  }),
  skipped: (finding: string, details?: Record<string, unknown>): CheckOutcome => ({
    status: 'skipped',
    finding,
    details,
  }),
};
