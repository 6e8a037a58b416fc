/** A timeout as a message shows it: `250 ms` below a second, else whole seconds (`10 s`). */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
