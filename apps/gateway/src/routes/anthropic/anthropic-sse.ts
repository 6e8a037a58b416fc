import type { MessageStreamEvent } from '@geminicli2api/protocol-anthropic';
import type { GatewayResponse } from '../../http/gateway-response';
import { keepSseAlive } from '../write-sse';

/** One Anthropic SSE frame: `event: <type>` and `data: <json>`. */
function frame(event: { type: string }): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Writes events in one write (one syscall rather than one per event). */
export function writeAnthropicEvents(
  response: GatewayResponse,
  events: readonly MessageStreamEvent[],
): void {
  if (events.length === 1 && events[0]) response.write(frame(events[0]));
  else if (events.length > 1) response.write(events.map(frame).join(''));
}

/**
 * Anthropic's keepalive: an `event: ping` every `intervalMs` (SSE_KEEPALIVE_INTERVAL_MS) while the stream waits on
 * the upstream (the first one sends the headers). Returns the function that stops it.
 */
export function keepAnthropicStreamAlive(
  response: GatewayResponse,
  intervalMs: number,
): () => void {
  return keepSseAlive(response, intervalMs, frame({ type: 'ping' }));
}
