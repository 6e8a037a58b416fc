/** min / median / max of repeated measurements. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length === 0
      ? Number.NaN
      : sorted.length % 2 === 1
        ? (sorted[middle] ?? Number.NaN)
        : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { min: sorted[0] ?? Number.NaN, median, max: sorted.at(-1) ?? Number.NaN };
}

/**
 * `value` with `decimals` decimals, cut rather than rounded: a figure compared with a target
 * never shows the target it missed (94.97 % is "94.9 %", not "95.0 %" next to "NOT met"; a peak of
 * 255.6 MB under a 256 MB limit is "255"). The tiny allowance keeps 0.57 from showing as 0.56.
 */
export function truncated(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  const scale = 10 ** decimals;
  return (Math.floor(value * scale + 1e-9) / scale).toFixed(decimals);
}

/** `part` as a percentage of `whole`, one decimal, cut: `94.9 %`. */
export function percentOf(part: number, whole: number): string {
  return `${truncated((part / whole) * 100, 1)} %`;
}

/** `12.3 / 13.0 / 14.1` with the given decimals (cut, see {@link truncated}). */
export function formatSpread(value: Spread, decimals = 1): string {
  return [value.min, value.median, value.max].map((n) => truncated(n, decimals)).join(' / ');
}
