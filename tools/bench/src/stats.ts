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

/** `12.3 / 13.0 / 14.1` with the given decimals. */
export function formatSpread(value: Spread, decimals = 1): string {
  return [value.min, value.median, value.max].map((n) => n.toFixed(decimals)).join(' / ');
}
