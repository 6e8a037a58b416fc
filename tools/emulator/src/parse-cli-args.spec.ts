import { parseCliArgs } from './parse-cli-args';

describe('parseCliArgs', () => {
  it('defaults to 127.0.0.1:8899 without delays', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      port: 8899,
      host: '127.0.0.1',
      latencyMs: 0,
      chunkDelayMs: 0,
      streamChunkCount: 3,
    });
  });

  it('reads every option', () => {
    expect(
      parseCliArgs([
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--latency',
        '50',
        '--chunk-delay=5',
        '--stream-chunks',
        '50',
      ]),
    ).toEqual({
      kind: 'run',
      port: 0,
      host: '0.0.0.0',
      latencyMs: 50,
      chunkDelayMs: 5,
      streamChunkCount: 50,
    });
  });

  it.each([['--help'], ['-h']])('recognises %s', (flag) => {
    expect(parseCliArgs([flag])).toEqual({ kind: 'help' });
  });

  it.each<[string[], string]>([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--port', 'abc'], 'Invalid value for --port: abc'],
    [['--port', '70000'], 'Invalid value for --port: 70000'],
    [['--latency', '-5'], 'latency'],
    [['--stream-chunks', 'many'], 'stream-chunks'],
    [['extra'], 'extra'],
  ])('rejects %j', (args, message) => {
    const command = parseCliArgs(args);
    expect(command.kind).toBe('error');
    if (command.kind === 'error') expect(command.message).toContain(message);
  });
});
