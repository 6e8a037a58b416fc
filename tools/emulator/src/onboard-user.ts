import { randomBytes } from 'node:crypto';
import { isTierId } from './code-assist-tiers';
import type { EmulatorAccountState } from './emulator-account';
import type { EmulatorState, OnboardOperation } from './emulator-state';
import { createGoogleError, type GoogleError } from './google-error';
import { isJsonObject } from './json-object';

/** A status and JSON body to answer with. */
export type EndpointResult =
  { status: 200; body: unknown } | { status: number; error: GoogleError };

/**
 * `POST :onboardUser`: starts a long-running onboarding operation (`{name, done:false}`). A
 * free-tier request that names a project fails with 400 `FAILED_PRECONDITION` "Precondition
 * Failed". Re-POSTing while an operation is pending advances it, like older clients expect.
 */
export function startOnboarding(
  state: EmulatorState,
  account: EmulatorAccountState,
  body: unknown,
): EndpointResult {
  const request = isJsonObject(body) ? body : {};
  const tierId = request.tierId ?? request.tier_id;
  if (!isTierId(tierId)) {
    return {
      status: 400,
      error: createGoogleError({
        code: 400,
        message: `Invalid tier id: ${JSON.stringify(tierId ?? null)}`,
      }),
    };
  }
  if (account.ineligible.some((entry) => (entry.tierId ?? 'free-tier') === tierId)) {
    return { status: 403, error: createGoogleError({ code: 403 }) };
  }
  const rawProject = request.cloudaicompanionProject ?? request.cloudaicompanion_project;
  const project = typeof rawProject === 'string' && rawProject !== '' ? rawProject : undefined;
  if (tierId === 'free-tier' && project !== undefined) {
    return {
      status: 400,
      error: createGoogleError({
        code: 400,
        status: 'FAILED_PRECONDITION',
        message: 'Precondition Failed',
      }),
    };
  }
  const pending = [...state.operations.values()].find(
    (op) => op.refreshToken === account.refreshToken && !op.done,
  );
  if (pending !== undefined) return { status: 200, body: advanceOperation(state, pending) };
  const operation: OnboardOperation = {
    id: randomBytes(8).toString('hex'),
    refreshToken: account.refreshToken,
    tierId,
    polls: 0,
    done: false,
  };
  const target =
    tierId === 'free-tier'
      ? (account.project ?? state.nextProject('emulated-managed-project'))
      : (project ?? account.project);
  if (target !== undefined) operation.project = target;
  state.operations.set(operation.id, operation);
  if (account.onboarded && account.tier === tierId)
    return { status: 200, body: advanceOperation(state, operation, true) };
  return { status: 200, body: { name: `operations/${operation.id}`, done: false } };
}

/** `GET /v1internal/operations/{id}`: `done:false` on the first poll, then the finished operation. */
export function pollOperation(
  state: EmulatorState,
  account: EmulatorAccountState,
  id: string,
): EndpointResult {
  const operation = state.operations.get(id);
  if (operation === undefined || operation.refreshToken !== account.refreshToken) {
    return { status: 404, error: createGoogleError({ code: 404 }) };
  }
  return { status: 200, body: advanceOperation(state, operation) };
}

function advanceOperation(
  state: EmulatorState,
  operation: OnboardOperation,
  finishNow = false,
): unknown {
  const name = `operations/${operation.id}`;
  if (!operation.done && !finishNow) {
    operation.polls += 1;
    if (operation.polls < 2) return { name, done: false };
  }
  operation.done = true;
  const account = state.accounts.get(operation.refreshToken);
  if (account !== undefined) {
    account.onboarded = true;
    account.tier = operation.tierId;
    if (operation.project !== undefined) account.project = operation.project;
  }
  const response: Record<string, unknown> = {
    '@type': 'type.googleapis.com/google.internal.cloud.code.v1internal.OnboardUserResponse',
  };
  if (operation.project !== undefined) {
    response.cloudaicompanionProject = {
      id: operation.project,
      name: `projects/${operation.project}`,
    };
  }
  return { name, done: true, response };
}
