import { parse } from 'dotenv';
import { formatEnvFileIssue, inspectEnvFile } from './inspect-env-file';

const creds = '{"refresh_token": "1//secret-refresh", "client_secret": "GOCSPX-x"}';

describe('inspectEnvFile', () => {
  it.each([
    [
      'spaces around =',
      'GEMINI_AUTH_PASSWORD = longpassword\n',
      [[1, 'warn', /spaces around "="/]],
    ],
    ['a space before =', 'PORT =8888\n', [[1, 'warn', /spaces around "="/]]],
    ['an indented key', '  PORT=8888\n', [[1, 'warn', /before PORT/]]],
    ['unquoted one-line JSON', `GEMINI_CREDENTIALS=${creds}\n`, [[1, 'warn', /unquoted JSON/]]],
    [
      'unquoted JSON that a "#" cuts short',
      'GEMINI_CREDENTIALS={"refresh_token": "a#b"}\n',
      [[1, 'fail', /with a "#", where the value is cut/]],
    ],
    [
      'JSON in double quotes (the gateway reads it, Docker does not)',
      `GEMINI_CREDENTIALS="${creds}"\n`,
      [[1, 'warn', /double quotes: the gateway reads it.*Use single quotes/]],
    ],
    [
      'JSON with a "#" in double quotes',
      'GEMINI_CREDENTIALS="{"refresh_token": "a#b"}"\n',
      [[1, 'fail', /double quotes and is not read as JSON/]],
    ],
    [
      'a JSON array in double quotes',
      'GEMINI_MODEL_ALIASES="["a"]"\n',
      [[1, 'warn', /double quotes/]],
    ],
    [
      'unquoted multi-line JSON',
      'GEMINI_CREDENTIALS={\n  "refresh_token": "1//secret-refresh",\n  "client_id": "x"\n}\nPORT=8888\n',
      [
        [1, 'fail', /does not end on this line: only this line is read/],
        [2, 'fail', /continue the multi-line JSON of GEMINI_CREDENTIALS/],
      ],
    ],
    [
      'a quoted multi-line value',
      'GEMINI_CREDENTIALS=\'{\n  "refresh_token": "r"\n}\'\nPORT=1\n',
      [[1, 'warn', /multi-line quoted value/]],
    ],
    [
      'a stray line',
      'PORT=8888\njust some words\n',
      [[2, 'fail', /is not KEY=value and was ignored/]],
    ],
    [
      'two stray lines',
      'PORT=8888\nsome\nwords\n',
      [[2, 'fail', /are not KEY=value and were ignored/]],
    ],
    ['a variable set twice', 'PORT=1\nPORT=2\n', [[2, 'warn', /again \(first on line 1\)/]]],
  ])('%s', (_name, text, expected) => {
    const issues = inspectEnvFile(text, parse(text));
    expect(issues.map((issue) => [issue.line, issue.severity])).toEqual(
      expected.map(([line, severity]) => [line, severity]),
    );
    issues.forEach((issue, index) => expect(issue.problem).toMatch(expected[index]?.[2] as RegExp));
    expect(JSON.stringify(issues)).not.toMatch(/secret-refresh|GOCSPX|longpassword/);
  });

  it.each([
    ['single-quoted JSON', `GEMINI_CREDENTIALS='${creds}'\nPORT=8888\n`],
    [
      'comments, blank lines, export and an inline comment',
      '# a comment\n\nexport HOST=0.0.0.0\nPORT=8888 # inline\n',
    ],
    ['a byte order mark', '\uFEFFPORT=8888\n'],
  ])('accepts %s', (_name, text) => {
    expect(inspectEnvFile(text, parse(text))).toEqual([]);
  });

  it('warns only where dotenv reads the value as written, and fails where it does not', () => {
    const text = [
      `A=${creds}`,
      'B={"refresh_token": "a#b"}',
      `C="${creds}"`,
      `D='${creds}'`,
      'E="{"refresh_token": "a#b"}"',
      'F={',
    ].join('\n');
    const parsed = parse(text);
    const issues = inspectEnvFile(text, parsed);
    for (const key of ['A', 'B', 'C', 'D', 'E', 'F']) {
      const readIntact = isJson(parsed[key]);
      const severity = issues.find((issue) => issue.key === key)?.severity;
      expect([key, severity === 'fail']).toEqual([key, !readIntact]);
    }
  });

  it('formats one line or a range as a sentence', () => {
    const [single] = inspectEnvFile('PORT = 1\n', { PORT: '1' });
    const [, range] = inspectEnvFile('X={\n"a": 1,\n"b": 2\n}\n', { X: '{' });
    expect(single && formatEnvFileIssue(single)).toMatch(/^line 1 has spaces around "="/);
    expect(range && formatEnvFileIssue(range)).toMatch(
      /^lines 2–4 continue the multi-line JSON of X, which is ignored/,
    );
  });
});

function isJson(text: string | undefined): boolean {
  try {
    JSON.parse(text ?? '');
    return true;
  } catch {
    return false;
  }
}
