import { threadTotals } from './thread-totals';

const dump = (total: number) =>
  ['# callgrind format', 'version: 1', 'events: Ir', 'fl=(1) ???', `summary: ${total}`, ''].join(
    '\n',
  );

describe('threadTotals (callgrind dumps, one per thread)', () => {
  it('puts the main thread (…-01) first, whatever order the files come in', () => {
    expect(
      threadTotals({
        '/tmp/d/gateway.out.1-03': dump(30),
        '/tmp/d/gateway.out.1-01': dump(1_000_000),
        '/tmp/d/gateway.out.1-02': dump(20),
      }),
    ).toEqual([1_000_000, 20, 30]);
  });

  it('reads a dump that ends with a totals line', () => {
    expect(threadTotals({ 'gateway.out.1-01': 'events: Ir\ntotals: 42\n' })).toEqual([42]);
  });

  it('gives NaN for a dump without a total, so the tool fails instead of printing zero', () => {
    expect(threadTotals({ 'gateway.out.1-01': 'events: Ir\n' })).toEqual([Number.NaN]);
  });
});
