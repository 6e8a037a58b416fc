/** The command lines of `npm run bench` and `npm run bench:instructions`. */

/** A mistake on the command line: said in one line with the usage, exit code 2, no stack. */
export class UsageError extends Error {}

export interface CommandOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processOutput: CommandOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Runs `main(argv)` and returns the exit code: `--help` prints `usage` (0); a `UsageError` or an
 * error of `node:util` `parseArgs` (unknown option, missing value) prints its message and the
 * usage (2); anything else is a failure of the run, printed with its stack (1).
 */
export async function runCommand(
  name: string,
  usage: string,
  argv: readonly string[],
  main: (argv: string[]) => Promise<number>,
  output: CommandOutput = processOutput,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.stdout(usage);
    return 0;
  }
  try {
    return await main([...argv]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS_')) {
      output.stderr(`${name}: ${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    output.stderr(`${name} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 1;
  }
}

/** `text` as a whole number of at least `min`, or a `UsageError` naming `option`. */
export function wholeNumberOption(option: string, text: string, min = 1): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min)
    throw new UsageError(`--${option} needs a whole number of at least ${min}, not "${text}".`);
  return value;
}

export interface BenchOptions {
  smoke: boolean;
  /** The names of the cases to run, in the report's order. */
  cases: string[];
  /** Where the report goes; none for a partial or smoke run without `--out` (printed only). */
  report?: string;
}

/**
 * Which cases `npm run bench` runs and where its report goes. `--only` takes part of a case name
 * and must match one. Only a full run rewrites `defaultReport` (docs/performance.md) on its own: a
 * run of some cases, or a smoke run, would replace the measured table with a partial or
 * meaningless one, so it writes a report only where `--out` says.
 */
export function benchOptions(
  values: { smoke?: boolean; only?: string; out?: string },
  caseNames: readonly string[],
  defaultReport: string,
): BenchOptions {
  const only = values.only;
  const cases = only === undefined ? [...caseNames] : caseNames.filter((n) => n.includes(only));
  if (cases.length === 0)
    throw new UsageError(
      `--only "${only}" matches no case; the cases are ${caseNames.join(', ')}.`,
    );
  const smoke = values.smoke ?? false;
  const full = !smoke && only === undefined;
  return { smoke, cases, report: values.out ?? (full ? defaultReport : undefined) };
}
