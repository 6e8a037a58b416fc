import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import type { RequestContext } from '../middleware/request-context';
import type { GeminiBackend } from './gemini-backend';

/**
 * Wraps any backend so the request's context learns the token usage Google reported (the
 * unary answer's, or the last stream event's), for the access log and the tokens metric.
 */
export function meterBackend(backend: GeminiBackend): GeminiBackend {
  return {
    // Keep whatever else the backend offers.
    ...backend,
    async generateContent(call) {
      const result = await backend.generateContent(call);
      recordUsage(result, call.context);
      return result;
    },
    async streamGenerateContent(call) {
      const events = await backend.streamGenerateContent(call);
      return (async function* () {
        for await (const event of events) {
          recordUsage(event, call.context);
          yield event;
        }
      })();
    },
  };
}

function recordUsage(response: GenerateContentResponse, context: RequestContext | undefined): void {
  if (!context) return;
  if (response.modelVersion) context.servedModel = response.modelVersion;
  const usage = response.usageMetadata;
  if (!usage) return;
  const promptTokens = usage.promptTokenCount ?? 0;
  const completionTokens = (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0);
  context.usage = {
    promptTokens,
    completionTokens,
    totalTokens: usage.totalTokenCount ?? promptTokens + completionTokens,
    reasoningTokens: usage.thoughtsTokenCount ?? 0,
    cachedTokens: usage.cachedContentTokenCount ?? 0,
  };
}
