import type { Logger } from 'winston';
import { AbortFlag } from '../upstream/abort-flag';
import type { CallScope, GeminiBackend } from '../upstream/gemini-backend';
import { beginAdmission } from './enforce-limits';
import type { RateWindows } from './rate-windows';

/**
 * Wraps a backend so every call is admitted against the request's key (allow-list, rpm, tpm,
 * daily tokens) before its answer reaches the client. Every surface calls the backend, so every
 * surface is limited alike.
 *
 * With Redis windows, deciding an admission is a round trip to Redis, which under load waits
 * behind everything else the event loop has to do. When the key's last known counts are far
 * from its limits, the upstream call therefore starts while Redis decides; a refusal (rare
 * there: another replica used up the key within the second) cancels that call and answers the
 * 429. Near a limit, the call waits for the decision. Either way Redis's answer is the only one
 * that counts, so limits hold exactly across replicas.
 */
export function limitBackend(
  backend: GeminiBackend,
  windows: RateWindows,
  logger?: Logger,
): GeminiBackend {
  const limited =
    <C extends CallScope & { model: string }, R>(
      run: (call: C) => Promise<R>,
      discard: (value: R) => void = () => undefined,
    ) =>
    async (call: C): Promise<R> => {
      const admission = beginAdmission(windows, call.context, call.model);
      if (!admission.likely) {
        await admission.decided;
        return run(call);
      }
      const stop = new AbortFlag();
      const client = call.signal;
      if (client?.aborted) stop.abort(client.reason);
      else client?.addEventListener('abort', () => stop.abort(client.reason), { once: true });
      const running = run({ ...call, signal: stop });
      try {
        await admission.decided;
      } catch (error) {
        stop.abort(error);
        running.then(discard, () => undefined);
        logger?.debug('an upstream call started before its key was refused was cancelled', {
          requestId: call.context?.requestId,
        });
        throw error;
      }
      return running;
    };
  return {
    ...backend,
    generateContent: limited((call) => backend.generateContent(call)),
    streamGenerateContent: limited(
      (call) => backend.streamGenerateContent(call),
      (events) => void events[Symbol.asyncIterator]().return?.(),
    ),
    countTokens: limited((call) => backend.countTokens(call)),
  };
}
