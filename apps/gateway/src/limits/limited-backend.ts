import type { GeminiBackend } from '../upstream/gemini-backend';
import { admitCall } from './enforce-limits';
import type { RateWindows } from './rate-windows';

/**
 * Wraps a backend so every call is admitted against the request's key (allow-list, rpm, tpm,
 * daily tokens) before it goes upstream. Every surface calls the backend, so every surface is
 * limited alike.
 */
export function limitBackend(backend: GeminiBackend, windows: RateWindows): GeminiBackend {
  return {
    ...backend,
    async generateContent(call) {
      await admitCall(windows, call.context, call.model);
      return backend.generateContent(call);
    },
    async streamGenerateContent(call) {
      await admitCall(windows, call.context, call.model);
      return backend.streamGenerateContent(call);
    },
    async countTokens(call) {
      await admitCall(windows, call.context, call.model);
      return backend.countTokens(call);
    },
  };
}
