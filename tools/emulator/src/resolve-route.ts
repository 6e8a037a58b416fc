import { resolvePublicApiRoute, type PublicApiRoute } from './handle-public-api';
import { resolvePublicExtraRoute, type PublicExtraRoute } from './handle-public-extras';
import type { FaultMethod } from './scripted-fault';

/** What a request path addresses. */
export type Route =
  | { kind: 'token' }
  | { kind: 'method'; name: string }
  | { kind: 'operation'; id: string }
  | PublicApiRoute
  | PublicExtraRoute
  | { kind: 'not-found' };

/** `v1internal` methods answered with GET (all others are POST). */
const GET_METHODS = new Set(['getCodeAssistGlobalUserSetting']);

/** Known `v1internal:<method>` names. */
export const V1INTERNAL_METHODS: ReadonlySet<string> = new Set([
  'generateContent',
  'streamGenerateContent',
  'countTokens',
  'loadCodeAssist',
  'onboardUser',
  'retrieveUserQuota',
  'listExperiments',
  'recordCodeAssistMetrics',
  'fetchAdminControls',
  'getCodeAssistGlobalUserSetting',
  'setCodeAssistGlobalUserSetting',
]);

const FAULT_METHODS = new Set<string>([
  'generateContent',
  'streamGenerateContent',
  'countTokens',
  'loadCodeAssist',
  'onboardUser',
  'retrieveUserQuota',
]);

/** Routes on the raw path (the `:` is part of it) and the HTTP method. */
export function resolveRoute(httpMethod: string, path: string): Route {
  if (path === '/token') return httpMethod === 'POST' ? { kind: 'token' } : { kind: 'not-found' };
  const publicRoute = resolvePublicApiRoute(httpMethod, path);
  if (publicRoute !== undefined) return publicRoute;
  const extraRoute = resolvePublicExtraRoute(httpMethod, path);
  if (extraRoute !== undefined) return extraRoute;
  const operation = /^\/v1internal\/operations\/([^/]+)$/.exec(path);
  if (operation?.[1] !== undefined) {
    return httpMethod === 'GET'
      ? { kind: 'operation', id: decodeURIComponent(operation[1]) }
      : { kind: 'not-found' };
  }
  const method = /^\/v1internal:([A-Za-z]+)$/.exec(path)?.[1];
  if (method === undefined || !V1INTERNAL_METHODS.has(method)) return { kind: 'not-found' };
  const expected = GET_METHODS.has(method) ? 'GET' : 'POST';
  return httpMethod === expected ? { kind: 'method', name: method } : { kind: 'not-found' };
}

/** The fault-matching name of a `v1internal` method, if faults can target it. */
export function faultMethodOf(name: string): FaultMethod | undefined {
  return FAULT_METHODS.has(name) ? (name as FaultMethod) : undefined;
}
