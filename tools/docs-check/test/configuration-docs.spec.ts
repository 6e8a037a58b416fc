import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..', '..');
const configSource = readFileSync(join(repo, 'apps', 'gateway', 'src', 'config.ts'), 'utf8');
const documented = readFileSync(join(repo, 'docs', 'configuration.md'), 'utf8');

/** Every key of the zod env schemas in config.ts (`  NAME: z…` or `  NAME: helper(…)`). */
const variables = [
  ...new Set(
    [...configSource.matchAll(/^\s{2}([A-Z][A-Z0-9_]+|[a-z]+_proxy): /gm)].map(
      (match) => match[1] ?? '',
    ),
  ),
];

describe('docs/configuration.md', () => {
  it('finds the variables of config.ts', () => {
    expect(variables).toEqual(
      expect.arrayContaining(['PORT', 'GEMINI_AUTH_PASSWORD', 'HTTPS_PROXY', 'https_proxy']),
    );
  });

  it.each(variables)('documents %s in a table row', (variable) => {
    expect(documented).toMatch(new RegExp(`^\\|[^\\n]*\`${variable}\``, 'm'));
  });
});
