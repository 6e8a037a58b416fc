import { limitHeapGrowth } from '../src/heap-growth';

describe('HEAP_GROWTH_PERCENT caps how far V8 lets the heap grow between full collections', () => {
  const applied = (percent: number, execArgv: string[]) => {
    const flags: string[] = [];
    const set = limitHeapGrowth(percent, execArgv, (flag) => flags.push(flag));
    return { set, flags };
  };

  it('hands the percentage to V8', () => {
    expect(applied(50, [])).toEqual({ set: true, flags: ['--heap-growing-percent=50'] });
    expect(applied(120, ['--enable-source-maps']).flags).toEqual(['--heap-growing-percent=120']);
  });

  it('leaves V8 alone at 0', () => {
    expect(applied(0, [])).toEqual({ set: false, flags: [] });
  });

  it.each(['--heap-growing-percent=200', '--heap_growing_percent=10', '--heap-growing-percent'])(
    'lets a %s given to node win',
    (flag) => {
      expect(applied(50, ['--max-old-space-size=512', flag])).toEqual({ set: false, flags: [] });
    },
  );
});
