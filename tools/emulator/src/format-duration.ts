/**
 * Formats seconds the way Go's `time.Duration.String()` does (`"500ms"`, `"12s"`,
 * `"161h39m41.3s"`), which is how Cloud Code writes `ErrorInfo.metadata.quotaResetDelay`.
 */
export function formatGoDuration(seconds: number): string {
  if (seconds <= 0) return '0s';
  if (seconds < 1) return `${trimNumber(seconds * 1000)}ms`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds - hours * 3600 - minutes * 60;
  let text = '';
  if (hours > 0) text += `${hours}h`;
  if (hours > 0 || minutes > 0) text += `${minutes}m`;
  return `${text}${trimNumber(rest)}s`;
}

/** Formats seconds as a protobuf `Duration` JSON string (`"12s"`, `"0.5s"`), as in `RetryInfo`. */
export function formatProtoDuration(seconds: number): string {
  return `${trimNumber(Math.max(0, seconds))}s`;
}

function trimNumber(value: number): string {
  return String(Math.round(value * 1e9) / 1e9);
}
