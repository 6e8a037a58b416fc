import type { ResponsesStreamEvent } from '@geminicli2api/protocol-openai';
import type { GatewayResponse } from '../../http/gateway-response';

/** Writes Responses stream events as OpenAI does (`event: <type>` + `data: <json>`), in one write. */
export function writeResponseEvents(
  response: GatewayResponse,
  events: readonly ResponsesStreamEvent[],
): void {
  if (events.length === 0) return;
  let text = '';
  for (const event of events) text += `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
  response.write(text);
}
