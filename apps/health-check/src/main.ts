#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { checkService } from './check-service';

const USAGE = `Usage: geminicli2api-health-check [--url http://localhost:8888] [--json]

Checks that a geminicli2api gateway is up. Exit codes: 0 healthy, 1 a check failed, 2 usage error.
`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string', default: `http://localhost:${process.env['PORT'] ?? '8888'}` },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const result = await checkService(values.url);
  if (values.json) process.stdout.write(`${JSON.stringify({ ok: result.status === 'pass', checks: [result] })}\n`);
  else process.stdout.write(`${result.status === 'pass' ? 'PASS' : 'FAIL'} ${result.name}: ${result.finding}\n`);
  return result.status === 'pass' ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
});
