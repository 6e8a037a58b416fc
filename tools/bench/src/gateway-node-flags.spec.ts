import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GATEWAY_NODE_FLAGS } from './stack';

const ROOT = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

/** Every `node [flags] apps/gateway/dist/main.js` in `text`, as its list of flags. */
function gatewayLaunches(text: string): string[][] {
  const launches = text.matchAll(/\bnode((?:\s+--\S+)*)\s+apps\/gateway\/dist\/main\.js/g);
  return [...launches].map((match) => (match[1] ?? '').split(/\s+/).filter(Boolean));
}

// The benchmark runs the gateway with GATEWAY_NODE_FLAGS; what it measures is what these start.
describe('the flags node runs the gateway with', () => {
  it('are the same in the Docker image as in the benchmark', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(read('docker/Dockerfile'))?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual([
      'node',
      ...GATEWAY_NODE_FLAGS,
      'apps/gateway/dist/main.js',
    ]);
  });

  it.each([
    'package.json',
    'docs/deployment.md',
    'docs/configuration.md',
    'apps/gateway/src/command-line.ts',
  ])('are the same in %s', (path) => {
    const launches = gatewayLaunches(read(path));
    expect(launches.length).toBeGreaterThan(0);
    for (const flags of launches) expect(flags).toEqual([...GATEWAY_NODE_FLAGS]);
  });
});
