import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractCodeBlocks } from '../src';
import { runToEnd } from './support/processes';

const repo = join(__dirname, '..', '..', '..');
const examples = extractCodeBlocks(readFileSync(join(repo, 'docs', 'library.md'), 'utf8')).filter(
  (block) =>
    ['ts', 'typescript'].includes(block.language) && /from '@geminicli2api\//.test(block.code),
);

describe('docs/library.md examples, bundled from the libraries’ sources and run', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'docs-check-library-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('covers the translator and the protocol packages', () => {
    const imported = new Set(
      examples.flatMap((block) =>
        [...block.code.matchAll(/from '(@geminicli2api\/[\w-]+)'/g)].map((m) => m[1]),
      ),
    );
    expect([...imported].sort()).toEqual([
      '@geminicli2api/protocol-anthropic',
      '@geminicli2api/protocol-gemini',
      '@geminicli2api/protocol-openai',
      '@geminicli2api/translator',
    ]);
  });

  it.each(
    examples.map((block) => [`${block.heading} (docs/library.md:${block.line})`, block] as const),
  )('%s', async (_title, block) => {
    const outfile = join(scratch, `example-${block.line}.mjs`);
    await build({
      stdin: {
        contents: block.code,
        loader: 'ts',
        resolveDir: repo,
        sourcefile: `library-${block.line}.ts`,
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['@geminicli2api/source'],
      outfile,
      logLevel: 'silent',
    });
    const result = await runToEnd(process.execPath, [outfile], {
      cwd: scratch,
      env: { PATH: process.env['PATH'] },
    });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).not.toMatch(/undefined/);
  });
});
