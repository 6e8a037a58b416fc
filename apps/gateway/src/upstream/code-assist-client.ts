import {
  codeAssistGenerateResponseSchema,
  type GenerateContentResponse,
} from '@geminicli2api/protocol-gemini';
import type { AccountSelector, UpstreamAccount } from '../accounts/account-selector';
import type { CallScope, GeminiBackend, GenerateCall } from './gemini-backend';
import { parseUpstreamResponse, readJsonEvents, readTotalTokens } from './parse-upstream-response';
import type { UpstreamReply } from './guard-body';
import { sendUpstream } from './send-upstream';
import type { UpstreamTransport } from './upstream-transport';

const UPSTREAM = 'Code Assist';

/** Options of {@link createCodeAssistClient}. */
export interface CodeAssistClientOptions {
  /** Base URL, e.g. `https://cloudcode-pa.googleapis.com`. */
  endpoint: string;
  /** Chooses the account (token + project) for each attempt. */
  accounts: AccountSelector;
  /** How calls are sent (retries, timeouts, limiter); default: `defaultTransport`. */
  transport?: UpstreamTransport | undefined;
}

interface PostOptions {
  method: string;
  model: string;
  scope: CallScope;
  query?: string;
  body: (account: UpstreamAccount) => unknown;
}

/**
 * The Code Assist backend (`v1internal:…`): wraps requests in the `{model, project, request}`
 * envelope and unwraps `{response, traceId}`.
 */
export function createCodeAssistClient({
  endpoint,
  accounts,
  transport,
}: CodeAssistClientOptions): GeminiBackend {
  const post = ({ method, model, scope, query = '', body }: PostOptions): Promise<UpstreamReply> =>
    sendUpstream({
      upstreamName: UPSTREAM,
      model,
      credentials: accounts,
      signal: scope.signal,
      context: scope.context,
      transport,
      build: (account) => ({
        url: `${endpoint}/v1internal:${method}${query}`,
        headers: {
          authorization: `Bearer ${account.accessToken}`,
          'content-type': 'application/json',
          'user-agent': 'geminicli2api/0.1.0',
        },
        body: JSON.stringify(body(account)),
      }),
    });

  const generateBody = (call: GenerateCall) => (account: UpstreamAccount) => ({
    model: toCodeAssistModelId(call.model),
    project: account.projectId,
    request: call.request,
  });

  return {
    name: 'code-assist',
    async generateContent(call) {
      const response = await post({
        method: 'generateContent',
        model: call.model,
        scope: call,
        body: generateBody(call),
      });
      return unwrap(await response.json());
    },
    async streamGenerateContent(call) {
      const response = await post({
        method: 'streamGenerateContent',
        model: call.model,
        scope: call,
        query: '?alt=sse',
        body: generateBody(call),
      });
      return readJsonEvents(response.body, UPSTREAM, unwrap);
    },
    async countTokens(call) {
      const response = await post({
        method: 'countTokens',
        model: call.model,
        scope: call,
        // countTokens carries the model inside `request`, with the `models/` prefix.
        body: () => ({
          request: { model: `models/${toCodeAssistModelId(call.model)}`, contents: call.contents },
        }),
      });
      return { totalTokens: readTotalTokens(await response.json(), UPSTREAM) };
    },
  };
}

/**
 * Ids Code Assist knows under another name: it "does not expect to see the string
 * gemini-3.5-flash" and serves that model as `gemini-3-flash` (Gemini CLI's
 * CCPA_AI_MODEL_MAPPINGS). The Gemini API and Vertex take the public id as is.
 */
const CODE_ASSIST_MODEL_IDS: Readonly<Record<string, string>> = {
  'gemini-3.5-flash': 'gemini-3-flash',
};

/** The id to send to Code Assist for a catalog model. */
export function toCodeAssistModelId(model: string): string {
  return CODE_ASSIST_MODEL_IDS[model] ?? model;
}

/** Unwraps `{response, traceId}`. */
function unwrap(value: unknown): GenerateContentResponse {
  return (
    parseUpstreamResponse(value, codeAssistGenerateResponseSchema, UPSTREAM).response ?? {
      candidates: [],
    }
  );
}
