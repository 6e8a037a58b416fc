import { z } from 'zod';
import { CHECK_NAMES } from './check-result';

/** One check in the `--json` output. */
export const checkResultSchema = z.strictObject({
  name: z.enum(CHECK_NAMES),
  status: z.enum(['pass', 'warn', 'fail', 'skipped']),
  finding: z.string().min(1),
  /** `docs/troubleshooting.md#<anchor>`, or null when there is nothing to fix. */
  fix: z
    .string()
    .regex(/^docs\/troubleshooting\.md#[a-z0-9-]+$/)
    .nullable(),
  durationMs: z.number().int().nonnegative(),
  details: z.record(z.string(), z.unknown()),
});

/**
 * The `--json` output: one object, stable within `schemaVersion` 1 (fields may be added, none
 * removed or changed). Documented in docs/health-check.md.
 */
export const healthReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal('geminicli2api-health-check'), version: z.string() }),
  url: z.string(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  /** True when the exit code is 0. */
  ok: z.boolean(),
  exitCode: z.union([z.literal(0), z.literal(1)]),
  strict: z.boolean(),
  summary: z.strictObject({
    pass: z.number().int().nonnegative(),
    warn: z.number().int().nonnegative(),
    fail: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
  checks: z.array(checkResultSchema),
});

/** The `--json` output object. */
export type HealthReport = z.infer<typeof healthReportSchema>;
/** One entry of {@link HealthReport.checks}. */
export type ReportedCheck = z.infer<typeof checkResultSchema>;
