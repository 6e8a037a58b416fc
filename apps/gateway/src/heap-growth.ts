import { setFlagsFromString } from 'node:v8';

const COMMAND_LINE_FLAG = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * Caps how far V8 lets the old generation grow past what survived its last full collection
 * (`HEAP_GROWTH_PERCENT`). Left alone, V8 allows up to 4× on a machine with much memory: with a
 * thousand open streams the gateway's live heap is ≈ 45 MB, yet its resident memory reached
 * 190–260 MB before the next full collection. At 100 % it stays near 180 MB for the same load
 * and costs no throughput the benchmark can show; 50 % holds ≈ 165 MB but its more frequent
 * full collections cost ≈ 2–3 % of throughput with 256 requests in flight (docs/performance.md). A
 * `--heap-growing-percent` given on node's command line wins; 0 leaves V8's heuristics in place.
 *
 * Returns whether it set the flag.
 */
export function limitHeapGrowth(
  percent: number,
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  if (percent <= 0 || execArgv.some((argument) => COMMAND_LINE_FLAG.test(argument))) return false;
  // Read by V8 each time it sets the next full-collection limit, so it applies from now on.
  setFlags(`--heap-growing-percent=${percent}`);
  return true;
}
