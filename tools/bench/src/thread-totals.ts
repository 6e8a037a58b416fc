/**
 * Instruction totals per thread from callgrind dumps written with `--separate-threads=yes`
 * (files named `…-01`, `…-02`, … by thread; 01 is the main thread), main thread first.
 */
export function threadTotals(dumpFiles: Record<string, string>): number[] {
  return Object.entries(dumpFiles)
    .map(([name, text]) => ({
      thread: Number(/-(\d+)$/.exec(name)?.[1] ?? 1),
      total: Number(/^(?:summary|totals): (\d+)/m.exec(text)?.[1] ?? Number.NaN),
    }))
    .sort((a, b) => a.thread - b.thread)
    .map(({ total }) => total);
}
