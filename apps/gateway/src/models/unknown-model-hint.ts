import type { GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import { GatewayError } from '../gateway-error';
import type { GeminiBackend } from '../upstream/gemini-backend';
import { unknownModelMessage } from './resolve-model';

/**
 * An id the catalog does not list is tried upstream; when Google answers 404 for it, the client
 * gets a 404 on `model` naming the closest models the gateway knows (instead of Google's bare
 * "not found"). Listed models keep Google's own error.
 */
export function withUnknownModelHint(
  backend: GeminiBackend,
  catalog: GeminiModelCatalog,
): GeminiBackend {
  const hint = (model: string, error: unknown): unknown => {
    if (!GatewayError.isInstance(error) || error.status !== 404 || !error.upstream) return error;
    if (catalog.models.some((entry) => entry.id === model)) return error;
    return new GatewayError({
      code: 'NOT_FOUND',
      status: 404,
      param: 'model',
      cause: error,
      message: `${unknownModelMessage(catalog, model)} Google answered: ${error.upstream.message}`,
    });
  };
  const guard =
    <C extends { model: string }, R>(run: (call: C) => Promise<R>) =>
    async (call: C): Promise<R> => {
      try {
        return await run(call);
      } catch (error) {
        throw hint(call.model, error);
      }
    };
  return {
    ...backend,
    generateContent: guard((call) => backend.generateContent(call)),
    streamGenerateContent: guard((call) => backend.streamGenerateContent(call)),
    countTokens: guard((call) => backend.countTokens(call)),
  };
}
