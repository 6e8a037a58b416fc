import { outcome, type CheckOutcome } from '../check-result';
import { bearer, type CheckContext } from '../check-context';
import { errorMessage, field, probe, ProbeError } from '../http-probe';
import { fixLink } from '../troubleshooting';

/** `GET /v1/models` (OpenAI shape) and `GET /v1beta/models` (Gemini shape) list models. */
export async function checkEndpoints(context: CheckContext): Promise<CheckOutcome> {
  if (context.gatewayUp === false) return outcome.skipped('the gateway is not reachable');
  const headers = bearer(context.password);
  try {
    const openai = await probe(`${context.url}/v1/models`, {
      headers,
      timeoutMs: context.timeoutMs,
    });
    const gemini = await probe(`${context.url}/v1beta/models`, {
      headers,
      timeoutMs: context.timeoutMs,
    });
    const openaiModels = field(openai.json, 'data');
    const geminiModels = field(gemini.json, 'models');
    const details = {
      v1Models: {
        status: openai.status,
        count: Array.isArray(openaiModels) ? openaiModels.length : undefined,
        ms: openai.ms,
      },
      v1betaModels: {
        status: gemini.status,
        count: Array.isArray(geminiModels) ? geminiModels.length : undefined,
        ms: gemini.ms,
      },
    };
    if (openai.status === 401) {
      return outcome.fail(
        'GET /v1/models refused the password (401)',
        fixLink('401-unauthorized'),
        details,
      );
    }
    if (openai.status !== 200 || !Array.isArray(openaiModels)) {
      const why = errorMessage(openai.json) ?? 'not a model list';
      return outcome.fail(
        `GET /v1/models answered ${openai.status}: ${why}`,
        fixLink('model-not-found'),
        details,
      );
    }
    if (openaiModels.length === 0) {
      return outcome.warn('GET /v1/models lists no models', fixLink('model-not-found'), details);
    }
    const first = field(openaiModels[0], 'id');
    if (context.model === undefined && typeof first === 'string') context.model = first;
    const v1 = `/v1/models lists ${openaiModels.length} models`;
    if (gemini.status === 404) {
      return outcome.pass(
        `${v1}; /v1beta/models is not available in this gateway version`,
        details,
      );
    }
    if (gemini.status !== 200 || !Array.isArray(geminiModels)) {
      const why = errorMessage(gemini.json) ?? 'not a model list';
      return outcome.warn(
        `${v1}, but GET /v1beta/models answered ${gemini.status}: ${why}`,
        fixLink('model-not-found'),
        details,
      );
    }
    return outcome.pass(`${v1}, /v1beta/models lists ${geminiModels.length}`, details);
  } catch (error) {
    const reason = error instanceof ProbeError ? error.reason : String(error);
    return outcome.fail(
      `the gateway stopped answering (${reason})`,
      fixLink('service-not-reachable'),
    );
  }
}
