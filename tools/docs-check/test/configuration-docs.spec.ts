import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..', '..');
const sourceDir = join(repo, 'apps', 'gateway', 'src');
/** config.ts and the schema files it combines (config-*.ts). */
const configSource = readdirSync(sourceDir)
  .filter((file) => /^config(-[a-z-]+)?\.ts$/.test(file))
  .map((file) => readFileSync(join(sourceDir, file), 'utf8'))
  .join('\n');
const documented = readFileSync(join(repo, 'docs', 'configuration.md'), 'utf8');

/** Every key of the zod env schemas (`  NAME: z…` or `  NAME: helper(…)`). */
const variables = [
  ...new Set(
    [...configSource.matchAll(/^\s{2}([A-Z][A-Z0-9_]+|[a-z]+_proxy): /gm)].map(
      (match) => match[1] ?? '',
    ),
  ),
];

describe('docs/configuration.md', () => {
  it('finds the variables of the gateway config', () => {
    expect(variables).toEqual(
      expect.arrayContaining([
        'PORT',
        'GEMINI_AUTH_PASSWORD',
        'HTTPS_PROXY',
        'https_proxy',
        'GEMINI_API_KEY',
        'UPSTREAM_MAX_CONCURRENCY',
        'GEMINI_MODEL_ALIASES',
      ]),
    );
  });

  it.each(variables)('documents %s in a table row', (variable) => {
    expect(documented).toMatch(new RegExp(`^\\|[^\\n]*\`${variable}\``, 'm'));
  });
});
