import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from './emulator-options';
import type { EmulatorState } from './emulator-state';
import type { ParsedBody } from './http-io';

/** One request as the handlers see it. */
export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  path: string;
  query: Record<string, string>;
  body: ParsedBody;
  /** Aborts when the client disconnects or the emulator closes. */
  signal: AbortSignal;
  state: EmulatorState;
  /** The recorded entry (absent when recording is off), completed as the request is understood. */
  record?: RecordedRequest;
}

/** The parsed body value, or undefined when empty or invalid. */
export function bodyValue(context: RequestContext): unknown {
  return context.body.kind === 'value' ? context.body.value : undefined;
}
