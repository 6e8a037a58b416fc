import { githubSlug, headingAnchors } from './github-slug';

describe('githubSlug', () => {
  it.each([
    ['.env file not loaded', 'env-file-not-loaded'],
    ['401 Unauthorized', '401-unauthorized'],
    ['Thought-signature 400', 'thought-signature-400'],
    ['redirect_uri_mismatch', 'redirect_uri_mismatch'],
    ['端口被占用', '端口被占用'],
  ])('%s → %s', (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug);
  });

  it('numbers repeated headings and skips fenced code', () => {
    expect(
      headingAnchors('# Fix\n```bash\n# not a heading\n```\n## Fix\n### `UNSUPPORTED_CLIENT`'),
    ).toEqual(['fix', 'fix-1', 'unsupported_client']);
  });
});
