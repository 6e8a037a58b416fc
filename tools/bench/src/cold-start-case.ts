import type { BenchSettings, CaseResult } from './case-result';
import { startEmulator, startGateway } from './stack';
import { formatSpread, spread } from './stats';

/** Spawn to first healthy `/health` answer, repeated. */
export async function coldStartCase(settings: BenchSettings): Promise<CaseResult> {
  const emulator = await startEmulator();
  const times: number[] = [];
  try {
    for (let i = 0; i < Math.max(3, settings.repeats * 2); i++) {
      const gateway = await startGateway(emulator.url);
      times.push(gateway.startupMs);
      await gateway.stop();
    }
  } finally {
    await emulator.stop();
  }
  const result = spread(times);
  return {
    name: 'cold start to healthy (ms)',
    target: '< 1000 ms',
    gateway: formatSpread(result, 0),
    floor: '—',
    ratio: '—',
    met: result.median < 1000,
  };
}
