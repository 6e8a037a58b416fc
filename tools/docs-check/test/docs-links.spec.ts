import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { headingAnchors } from '../src';

const repo = join(__dirname, '..', '..', '..');
const read = (path: string): string => readFileSync(join(repo, path), 'utf8');

/** The anchors agreed with the health-check, which links its fix hints to them. */
const AGREED_ANCHORS = [
  'service-not-reachable',
  'port-already-in-use',
  'env-file-not-loaded',
  'env-file-format',
  'docker-image-build-fails',
  '401-unauthorized',
  'authentication-not-enforced',
  'no-credentials',
  'credentials-invalid',
  'oauth-token-expired',
  'redirect-uri-mismatch',
  'unsupported-client',
  'license-or-project-errors',
  'model-not-found',
  'stream-interrupted',
  'slow-responses',
  'thought-signature-400',
  'schema-400',
  'quota-429',
  'container-keeps-restarting',
  'reading-container-logs',
  'google-unreachable',
  'proxy-settings',
  'concurrency-and-queue',
];

/** Sections of a Markdown document by heading level 3, with their text. */
function sections(markdown: string): { title: string; body: string }[] {
  return withoutCode(markdown)
    .split(/^### /m)
    .slice(1)
    .map((chunk) => ({
      title: chunk.split('\n', 1)[0] ?? '',
      body: chunk.split(/^#{1,2} /m)[0] ?? '',
    }));
}

/** The document with fenced code blocks emptied (a `# comment` in code is not a heading). */
function withoutCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/^#/gm, ' #'));
}

function markdownFiles(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? markdownFiles(join(dir, entry.name))
      : entry.name.endsWith('.md')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('docs/troubleshooting.md', () => {
  const english = read('docs/troubleshooting.md');
  const anchors = headingAnchors(english);

  it.each(AGREED_ANCHORS)('has a section GitHub anchors as #%s', (anchor) => {
    expect(anchors).toContain(anchor);
  });

  it('has every anchor the health-check links to', () => {
    const source = read('apps/health-check/src/troubleshooting.ts');
    const union = /export type TroubleshootingAnchor =([^;]+);/.exec(source)?.[1] ?? '';
    const linked = [...union.matchAll(/'([^']+)'/g)].map((match) => match[1]);
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.filter((anchor) => !anchors.includes(anchor ?? ''))).toEqual([]);
  });

  it.each(sections(english).map((section) => [section.title, section.body] as const))(
    'section "%s" gives the health-check command that detects it',
    (_title, body) => {
      expect(body).toMatch(/npm run health-check/);
    },
  );

  it('ends with a quick checklist', () => {
    expect(english).toMatch(/^## Quick checklist[\s\S]*- \[ \]/m);
  });

  it('has a Chinese version with the same sections', () => {
    const chinese = read('docs/zh-CN/troubleshooting.md');
    const levels = (markdown: string): number[] =>
      [...withoutCode(markdown).matchAll(/^(#{1,3}) /gm)].map((match) => match[1]?.length ?? 0);
    expect(levels(chinese)).toEqual(levels(english));
    for (const section of sections(chinese)) expect(section.body).toMatch(/npm run health-check/);
  });
});

describe('relative links in the documentation', () => {
  const files = ['README.md', 'README.zh-CN.md', ...markdownFiles('docs')];
  const links = files.flatMap((file) =>
    [...read(file).matchAll(/\]\((?!https?:|mailto:|#)([^)\s]+)\)/g)].map(
      (match) => [file, match[1] ?? ''] as const,
    ),
  );

  it.each(links)('%s → %s resolves', (file, link) => {
    const [path = '', anchor] = link.split('#', 2);
    const target = join(dirname(join(repo, file)), path);
    expect(relative(repo, target)).not.toMatch(/^\.\./);
    expect(existsSync(target)).toBe(true);
    if (anchor && target.endsWith('.md'))
      expect(headingAnchors(readFileSync(target, 'utf8'))).toContain(anchor);
  });
});
