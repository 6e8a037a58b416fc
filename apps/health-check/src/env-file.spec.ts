import { checkEnvText } from './env-file';

describe('checkEnvText', () => {
  it.each([
    ['KEY=value with no problem', 'PORT=8888\n# comment\n\nexport HOST=0.0.0.0\n', []],
    ['spaces around =', 'PORT = 8888\n', [[1, 'warn', /spaces around "="/]]],
    ['a space before =', 'PORT =8888\n', [[1, 'warn', /spaces around "="/]]],
    ['single-quoted one-line JSON', `GEMINI_CREDENTIALS='{"refresh_token":"r"}'\n`, []],
    [
      'unquoted one-line JSON',
      `GEMINI_CREDENTIALS={"refresh_token":"r"}\n`,
      [[1, 'warn', /unquoted JSON/]],
    ],
    [
      'JSON in double quotes',
      `GEMINI_CREDENTIALS="{"refresh_token":"r"}"\n`,
      [[1, 'fail', /double quotes/]],
    ],
    [
      'unquoted multi-line JSON',
      'GEMINI_CREDENTIALS={\n  "refresh_token": "r"\n}\nPORT=1\n',
      [
        [1, 'fail', /does not end on this line/],
        [2, 'fail', /continues the multi-line JSON of GEMINI_CREDENTIALS/],
        [3, 'fail', /continues the multi-line JSON/],
      ],
    ],
    [
      'quoted multi-line value',
      'GEMINI_CREDENTIALS=\'{\n  "refresh_token": "r"\n}\'\nPORT=1\n',
      [[1, 'warn', /multi-line quoted value/]],
    ],
    ['a line that is not an assignment', 'just some words\n', [[1, 'fail', /is not KEY=value/]]],
    ['a variable set twice', 'PORT=1\nPORT=2\n', [[2, 'warn', /again \(first on line 1\)/]]],
  ])('%s', (_name, text, expected) => {
    const issues = checkEnvText(text);
    expect(issues.map((issue) => [issue.line, issue.severity])).toEqual(
      expected.map(([line, severity]) => [line, severity]),
    );
    issues.forEach((issue, index) => expect(issue.problem).toMatch(expected[index]?.[2] as RegExp));
  });

  it('never repeats a value in its messages', () => {
    const issues = checkEnvText(
      'GEMINI_AUTH_PASSWORD = hunter2-secret\nGEMINI_CREDENTIALS={"refresh_token":"1//tok"}\n',
    );
    expect(issues).toHaveLength(2);
    expect(JSON.stringify(issues)).not.toMatch(/hunter2|1\/\/tok/);
  });
});
