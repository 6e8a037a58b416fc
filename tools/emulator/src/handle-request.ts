import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault } from './apply-fault';
import type { RecordedRequest } from './emulator-options';
import type { EmulatorState } from './emulator-state';
import { createGoogleError, googleErrorBody } from './google-error';
import { handlePublicApi } from './handle-public-api';
import { handlePublicExtra } from './handle-public-extras';
import { handleToken, tokenParams, tokenRequestAccount } from './handle-token';
import { handleV1Internal } from './handle-v1internal';
import { parseBody, readBodyText, sendJson } from './http-io';
import type { RequestContext } from './request-context';
import { resolveRoute } from './resolve-route';

/**
 * The emulator's request listener: parses path, query and body, records the request, then routes
 * to the token endpoint or a `v1internal` method. Unexpected errors become a Google 500.
 */
export async function handleRequest(
  state: EmulatorState,
  request: IncomingMessage,
  response: ServerResponse,
  closing: AbortSignal,
): Promise<void> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  response.once('close', () => {
    closing.removeEventListener('abort', abort);
    // Only a client that left early cancels the work (an abort builds a DOMException with a stack
    // trace: too dear to pay on every finished answer under load).
    if (!response.writableFinished) abort();
  });
  closing.addEventListener('abort', abort, { once: true });
  try {
    const rawUrl = request.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = (queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt)).replace(/%3A/gi, ':');
    const query = Object.fromEntries(
      new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1)),
    );
    const route = resolveRoute(request.method ?? 'GET', path);
    const text = await readBodyText(request);
    const body = parseBody(text, request.headers['content-type'], route.kind === 'token');
    const context: RequestContext = {
      request,
      response,
      path,
      query,
      body,
      signal: controller.signal,
      state,
    };
    if (state.options.recordRequests) {
      const record: RecordedRequest = {
        method: request.method ?? 'GET',
        path,
        query,
        headers: flattenHeaders(request),
        body: body.kind === 'value' ? body.value : undefined,
        receivedAt: Date.now(),
      };
      state.requests.push(record);
      context.record = record;
    }
    switch (route.kind) {
      case 'token':
        return await answerToken(context);
      case 'method':
      case 'operation':
        return await handleV1Internal(context, route);
      case 'public':
        return await handlePublicApi(context, route);
      case 'public-extra':
        return handlePublicExtra(context, route);
      case 'not-found':
        sendJson(
          response,
          404,
          googleErrorBody(createGoogleError({ code: 404, message: 'Method not found.' })),
        );
        return;
    }
  } catch {
    if (response.headersSent) response.destroy();
    else sendJson(response, 500, googleErrorBody(createGoogleError({ code: 500 })));
  }
}

async function answerToken(context: RequestContext): Promise<void> {
  const account = tokenRequestAccount(tokenParams(context));
  if (context.record !== undefined && account !== undefined) context.record.account = account;
  const fault = context.state.faults.take({
    method: 'token',
    ...(account === undefined ? {} : { account }),
  });
  if (fault !== undefined) {
    const outcome = await applyFault(context, fault, { stream: false, token: true });
    if (outcome === 'handled' || context.signal.aborted) return;
    if (outcome.resetAfterEvents !== undefined) {
      context.response.destroy();
      return;
    }
  }
  handleToken(context);
}

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
