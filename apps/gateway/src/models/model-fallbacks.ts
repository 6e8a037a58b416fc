import {
  fitRequestToModel,
  type GeminiModelCatalog,
  type GeminiModelInfo,
} from '@geminicli2api/protocol-gemini';
import type { Counter } from 'prom-client';
import type { Logger } from 'winston';
import { ConfigError } from '../config';
import type { GatewayResponse } from '../http/gateway-response';
import { requestState } from '../http/request-state';
import type { GeminiBackend, GenerateCall } from '../upstream/gemini-backend';
import { retryabilityOf, type FallbackReason } from '../upstream/retryability';
import { addWarnings } from './warnings-header';

/** Primary model id → the models that serve, in order, when it cannot. */
export type FallbackChains = ReadonlyMap<string, readonly GeminiModelInfo[]>;

export type { FallbackReason } from '../upstream/retryability';

/**
 * Resolves `MODEL_FALLBACKS` chains through the catalog (aliases allowed) into model ids; a name
 * that resolves to nothing stops the start with a {@link ConfigError} naming it.
 */
export function resolveFallbackChains(
  catalog: GeminiModelCatalog,
  chains: readonly (readonly string[])[],
): FallbackChains {
  const result = new Map<string, GeminiModelInfo[]>();
  for (const chain of chains) {
    const models = chain.map((name) => {
      const resolved = catalog.resolve(name);
      if (!resolved)
        throw new ConfigError([
          `MODEL_FALLBACKS: "${name}" in "${chain.join('>')}" is not a model the gateway knows`,
        ]);
      return resolved.model;
    });
    const [primary, ...rest] = models;
    if (primary && !result.has(primary.id)) {
      result.set(
        primary.id,
        rest.filter((model) => model.id !== primary.id),
      );
    }
  }
  return result;
}

/**
 * Why a failure lets the next model of the chain serve (every account or key exhausted for the
 * model, Google overloaded, the model not found), as the error itself says: its
 * `retry.otherModel`, decided when it was made (`upstream/retryability.ts`).
 */
export function fallbackReason(error: unknown): FallbackReason | undefined {
  return retryabilityOf(error).otherModel;
}

/** Options of {@link withModelFallbacks}. */
export interface ModelFallbackOptions {
  chains: FallbackChains;
  logger: Logger;
  counter?: Counter<'from' | 'to' | 'reason'> | undefined;
}

/**
 * Wraps a backend so a call on a chain's primary model that fails before the first byte (a stream
 * resolves only once Google answered 2xx) is sent to the next model, its request fitted to that
 * model (thinking controls, limits). The call's context records which model served.
 */
export function withModelFallbacks(
  backend: GeminiBackend,
  { chains, logger, counter }: ModelFallbackOptions,
): GeminiBackend {
  const run = async <T>(call: GenerateCall, send: (call: GenerateCall) => Promise<T>) => {
    const chain = chains.get(call.model);
    if (!chain || chain.length === 0) return send(call);
    try {
      return await send(call);
    } catch (error) {
      let reason = fallbackReason(error);
      if (!reason) throw error;
      let failed = call.model;
      for (const [index, next] of chain.entries()) {
        logger.warn('model fallback', { from: failed, to: next.id, reason });
        counter?.inc({ from: failed, to: next.id, reason });
        const fitted = fitRequestToModel(call.request, next);
        try {
          const result = await send({ ...call, model: next.id, request: fitted.request });
          if (call.context)
            call.context.fallback = { from: call.model, to: next.id, warnings: fitted.warnings };
          return result;
        } catch (nextError) {
          reason = fallbackReason(nextError);
          if (!reason || index === chain.length - 1) throw nextError;
          failed = next.id;
        }
      }
      throw error;
    }
  };
  return {
    ...backend,
    generateContent: (call) => run(call, (attempt) => backend.generateContent(attempt)),
    streamGenerateContent: (call) => run(call, (attempt) => backend.streamGenerateContent(attempt)),
  };
}

/**
 * After a backend call: when a fallback served, says so in `x-geminicli2api-model` (the model
 * that served) and `x-geminicli2api-fallback` (`primary>served`), adds what fitting the request
 * to that model changed to `x-geminicli2api-warnings`, and returns the served id, which the
 * answer's `model` should show; undefined when the asked model served.
 */
export function announceFallback(response: GatewayResponse): string | undefined {
  const state = requestState(response);
  const fallback = state.context.fallback;
  if (!fallback) return undefined;
  response.setHeader('x-geminicli2api-model', fallback.to);
  response.setHeader('x-geminicli2api-fallback', `${fallback.from}>${fallback.to}`);
  addWarnings(response, fallback.warnings);
  state.model = fallback.to;
  return fallback.to;
}
