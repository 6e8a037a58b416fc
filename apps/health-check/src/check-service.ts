/** The outcome of one check. */
export interface CheckResult {
  name: string;
  status: 'pass' | 'fail';
  finding: string;
}

/** Checks that the gateway answers `GET /health` with `{"status":"ok"}`. */
export async function checkService(url: string, timeoutMs = 5000): Promise<CheckResult> {
  try {
    const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json().catch(() => undefined)) as { status?: string; backend?: string } | undefined;
    if (response.ok && body?.status === 'ok') {
      return { name: 'service', status: 'pass', finding: `${url} is up (backend: ${body.backend ?? 'unknown'})` };
    }
    return { name: 'service', status: 'fail', finding: `${url}/health answered HTTP ${response.status}` };
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return { name: 'service', status: 'fail', finding: `${url} is not reachable (${reason})` };
  }
}
