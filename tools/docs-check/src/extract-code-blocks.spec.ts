import { extractCodeBlocks } from './extract-code-blocks';

describe('extractCodeBlocks', () => {
  it('returns each fenced block with its language, line and heading', () => {
    const markdown =
      '# A\n\n```bash\ncurl x\n```\n\n## B\n````ts\nconst a = "```";\n````\n```\nplain\n```';
    expect(extractCodeBlocks(markdown)).toEqual([
      { language: 'bash', code: 'curl x', line: 3, heading: 'A' },
      { language: 'ts', code: 'const a = "```";', line: 8, heading: 'B' },
      { language: '', code: 'plain', line: 11, heading: 'B' },
    ]);
  });
});
