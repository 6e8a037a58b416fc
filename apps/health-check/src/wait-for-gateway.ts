import { field, probe } from './http-probe';

/**
 * Polls `GET /health` until it answers `{"status":"ok"}` or the time is up (for CI right after
 * `docker compose up`). Resolves true when the gateway came up.
 */
export async function waitForGateway(
  url: string,
  seconds: number,
  onWait: (elapsedSeconds: number, reason: string) => void = () => undefined,
): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  for (;;) {
    let reason: string;
    try {
      const health = await probe(`${url}/health`, { timeoutMs: 2000 });
      if (health.status === 200 && field(health.json, 'status') === 'ok') return true;
      reason = `HTTP ${health.status}`;
    } catch (error) {
      reason = (error as { reason?: string }).reason ?? String(error);
    }
    if (Date.now() >= deadline) return false;
    onWait(Math.round((Date.now() - started) / 1000), reason);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(500, Math.max(0, deadline - Date.now()))),
    );
  }
}
