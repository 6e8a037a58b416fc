import type { BenchSettings, CaseResult } from './case-result';
import { chatBodies, GATEWAY_HEADERS } from './requests';
import { startEmulator, startGateway } from './stack';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * What a started gateway costs while nobody calls it: CPU per second over a quiet window, after
 * one chat (token refreshed, connections open) and a settling pause (start-up garbage collected).
 * A gateway spends most of its life idle on someone's laptop or in a small container.
 */
export async function idleCase(settings: BenchSettings): Promise<CaseResult> {
  const emulator = await startEmulator();
  const windowSeconds = settings.smoke ? 1 : 10;
  let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
  let cpuMs: number | undefined;
  try {
    gateway = await startGateway(emulator.url);
    const answer = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: GATEWAY_HEADERS,
      body: chatBodies('Hello benchmark').gateway,
    });
    await answer.arrayBuffer();
    if (!answer.ok) throw new Error(`the warm-up chat answered ${answer.status}`);
    // V8's memory reducer compacts the heap about 8 and 17 s after start (≈ 30 ms of CPU each);
    // the window starts once it is done.
    await sleep(settings.smoke ? 500 : 20_000);
    const before = gateway.cpuMs();
    await sleep(windowSeconds * 1000);
    const after = gateway.cpuMs();
    if (before !== undefined && after !== undefined) cpuMs = (after - before) / windowSeconds;
  } finally {
    // The emulator is stopped even when the gateway never came up.
    await gateway?.stop();
    await emulator.stop();
  }
  return {
    name: `idle gateway after one chat, ${windowSeconds} s window (CPU ms per s)`,
    target: 'report',
    gateway:
      cpuMs === undefined
        ? 'not measured (needs Linux /proc)'
        : `${cpuMs.toFixed(1)} ms/s (${(cpuMs / 10).toFixed(2)} % of a core)`,
    floor: '—',
    ratio: '—',
    met: undefined,
  };
}
