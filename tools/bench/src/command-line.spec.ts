import { parseArgs } from 'node:util';
import { benchOptions, runCommand, UsageError, wholeNumberOption } from './command-line';

const CASES = ['passthrough', 'latency', 'streams', 'first-byte', 'cold-start'];
const REPORT = '/repo/docs/performance.md';

/** Runs `main` as the command `bench` would, capturing what it prints. */
async function run(argv: string[], main: (argv: string[]) => Promise<number>) {
  const printed = { stdout: '', stderr: '' };
  const code = await runCommand('bench', 'Usage: bench [--only <case>]\n', argv, main, {
    stdout: (text) => (printed.stdout += text),
    stderr: (text) => (printed.stderr += text),
  });
  return { code, ...printed };
}

describe('runCommand', () => {
  it('prints the usage for --help without running anything', async () => {
    const main = jest.fn(async () => 0);
    const result = await run(['--smoke', '--help'], main);
    expect(result).toEqual({ code: 0, stdout: 'Usage: bench [--only <case>]\n', stderr: '' });
    expect(main).not.toHaveBeenCalled();
  });

  it('answers an unknown option with one line and the usage, exit 2, no stack', async () => {
    const result = await run(['--onyl', 'latency'], async (argv) => {
      parseArgs({ args: argv, options: { only: { type: 'string' } } });
      return 0;
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^bench: Unknown option '--onyl'/);
    expect(result.stderr).toContain('Usage: bench');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a failed run with its stack, exit 1', async () => {
    const result = await run([], async () => {
      throw new Error('emulator did not start');
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^bench failed: Error: emulator did not start\n\s+at /);
  });

  it("passes main's own exit code on", async () => {
    expect((await run(['--only', 'x'], async () => 3)).code).toBe(3);
  });
});

describe('benchOptions', () => {
  it('runs every case and rewrites the report on a full run', () => {
    expect(benchOptions({}, CASES, REPORT)).toEqual({ smoke: false, cases: CASES, report: REPORT });
  });

  it('runs the cases whose name contains --only, and leaves the report alone', () => {
    expect(benchOptions({ only: 'stream' }, CASES, REPORT)).toEqual({
      smoke: false,
      cases: ['streams'],
      report: undefined,
    });
  });

  it('leaves the report alone on a smoke run, and writes where --out says', () => {
    expect(benchOptions({ smoke: true }, CASES, REPORT).report).toBeUndefined();
    expect(benchOptions({ smoke: true, out: '/tmp/smoke.md' }, CASES, REPORT).report).toBe(
      '/tmp/smoke.md',
    );
    expect(benchOptions({ only: 'latency', out: '/tmp/l.md' }, CASES, REPORT)).toEqual({
      smoke: false,
      cases: ['latency'],
      report: '/tmp/l.md',
    });
  });

  it('refuses an --only that matches no case, naming the cases', () => {
    expect(() => benchOptions({ only: 'latancy' }, CASES, REPORT)).toThrow(UsageError);
    expect(() => benchOptions({ only: 'latancy' }, CASES, REPORT)).toThrow(
      '--only "latancy" matches no case; the cases are passthrough, latency, streams, first-byte, cold-start.',
    );
  });
});

describe('wholeNumberOption', () => {
  it.each([
    ['5000', 1, 5000],
    ['0', 0, 0],
    [' 8 ', 1, 8],
  ])('reads %j (at least %d) as %d', (text, min, expected) => {
    expect(wholeNumberOption('warmup', text, min)).toBe(expected);
  });

  it.each([['abc'], ['1e3'], ['-1'], ['0'], ['']])('refuses %j', (text) => {
    expect(() => wholeNumberOption('requests', text)).toThrow(
      `--requests needs a whole number of at least 1, not "${text}".`,
    );
  });
});
