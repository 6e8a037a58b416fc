import {
  parseCommand,
  parseCopyArgs,
  parseDockerfile,
  parseEnvArgs,
  parseHealthcheckArgs,
} from './parse-dockerfile';

describe('parseDockerfile', () => {
  const stages = parseDockerfile(`# syntax=docker/dockerfile:1
FROM node:20 AS build
WORKDIR /app
# a comment
RUN npm ci \\
  # inside a continuation
  --omit=dev
FROM node:20-slim
COPY --from=build /app/dist ./dist
`);

  it('splits stages, names unnamed ones by index and joins continuations', () => {
    expect(stages.map((stage) => [stage.name, stage.image])).toEqual([
      ['build', 'node:20'],
      ['1', 'node:20-slim'],
    ]);
    expect(stages[0]?.instructions.map((step) => `${step.keyword} ${step.args}`)).toEqual([
      'WORKDIR /app',
      'RUN npm ci    --omit=dev',
    ]);
    expect(stages[0]?.instructions[1]?.line).toBe(5);
  });

  it('rejects instructions before FROM', () => {
    expect(() => parseDockerfile('RUN true\nFROM node')).toThrow(/before FROM/);
  });
});

describe('instruction arguments', () => {
  it.each([
    ['./a b/ ./', { flags: {}, sources: ['./a', 'b/'], destination: './' }],
    [
      '--from=build --chown=node:node /app/dist ./dist',
      {
        flags: { from: 'build', chown: 'node:node' },
        sources: ['/app/dist'],
        destination: './dist',
      },
    ],
  ])('COPY %s', (args, expected) => {
    expect(parseCopyArgs(args)).toEqual(expected);
  });

  it('COPY without a destination is an error', () => {
    expect(() => parseCopyArgs('only-one')).toThrow(/source and a destination/);
  });

  it.each([
    ['A=1 B="two words" C=', { A: '1', B: 'two words', C: '' }],
    ['LEGACY some value', { LEGACY: 'some value' }],
  ])('ENV %s', (args, expected) => {
    expect(parseEnvArgs(args)).toEqual(expected);
  });

  it('reads HEALTHCHECK options and exec-form commands', () => {
    expect(
      parseHealthcheckArgs('--interval=30s --start-period=20s CMD ["node", "-e", "1"]'),
    ).toEqual({
      options: { interval: '30s', 'start-period': '20s' },
      command: ['node', '-e', '1'],
    });
  });

  it('runs shell-form commands through sh', () => {
    expect(parseCommand('node main.js')).toEqual(['/bin/sh', '-c', 'node main.js']);
  });
});
