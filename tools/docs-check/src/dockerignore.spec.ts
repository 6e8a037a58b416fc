import { createDockerignore } from './dockerignore';

describe('createDockerignore', () => {
  const ignored = createDockerignore(`# comment
**/node_modules
.env
docs
*.log
!keep.log
`);

  it.each([
    ['node_modules/x/index.js', true],
    ['apps/gateway/node_modules', true],
    ['.env', true],
    ['apps/.env', false],
    ['docs/api.md', true],
    ['apps/docs/readme.md', false],
    ['debug.log', true],
    ['keep.log', false],
    ['apps/gateway/src/main.ts', false],
  ])('%s ignored: %s', (path, expected) => {
    expect(ignored(path)).toBe(expected);
  });
});
