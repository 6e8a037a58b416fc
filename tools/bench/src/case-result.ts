/** One row of the benchmark table. */
export interface CaseResult {
  name: string;
  target: string;
  /** Gateway figure(s), min / median / max over repeats. */
  gateway: string;
  /** The floor's figure(s) where the case compares against it. */
  floor: string;
  /** Gateway relative to the floor or to the ideal. */
  ratio: string;
  /** Whether the target was met (undefined: the case only reports). */
  met: boolean | undefined;
  /** Extra markdown shown under the table (a case's own detail table). */
  details?: string;
}

/** Settings that make a smoke run (CI) quick and a full run meaningful. */
export interface BenchSettings {
  smoke: boolean;
  repeats: number;
  durationSeconds: number;
  streams: number;
  streamChunks: number;
  ttfbSamples: number;
  translatorSmallRequests: number;
}

export function benchSettings(smoke: boolean): BenchSettings {
  return smoke
    ? {
        smoke,
        repeats: 1,
        durationSeconds: 1,
        streams: 50,
        streamChunks: 5,
        ttfbSamples: 10,
        translatorSmallRequests: 500,
      }
    : {
        smoke,
        repeats: 3,
        durationSeconds: 8,
        streams: 1000,
        streamChunks: 50,
        ttfbSamples: 200,
        translatorSmallRequests: 10_000,
      };
}
