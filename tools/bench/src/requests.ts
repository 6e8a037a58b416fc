import { BENCH_PASSWORD } from './stack';

/** Same conversation, in the two shapes: OpenAI for the gateway, Code Assist for the floor. */
export function chatBodies(text: string, stream = false) {
  return {
    gateway: JSON.stringify({
      model: 'gemini-2.5-flash',
      stream,
      messages: [{ role: 'user', content: text }],
    }),
    floor: JSON.stringify({
      model: 'gemini-2.5-flash',
      project: 'demo-project',
      request: { contents: [{ role: 'user', parts: [{ text }] }] },
    }),
  };
}

/** The same conversation as an Anthropic Messages request (what Claude Code sends, minus tools). */
export function messagesBodies(text: string, stream = false) {
  return {
    gateway: JSON.stringify({
      model: 'gemini-2.5-flash',
      max_tokens: 1024,
      stream,
      messages: [{ role: 'user', content: text }],
    }),
    floor: chatBodies(text, stream).floor,
  };
}

/** Which surface a case loads: chat completions, the Responses API or Anthropic's Messages. */
export type Surface = 'chat' | 'responses' | 'messages';

const SURFACE_PATHS: Record<Surface, string> = {
  chat: '/v1/chat/completions',
  responses: '/v1/responses',
  messages: '/v1/messages',
};

/** The gateway path of a surface. */
export function surfacePath(surface: Surface): string {
  return SURFACE_PATHS[surface];
}

/** {@link chatBodies}, with the gateway's body in the surface's shape (the floor's is the same). */
export function surfaceBodies(surface: Surface, text: string, stream = false) {
  if (surface === 'messages') return messagesBodies(text, stream);
  const bodies = chatBodies(text, stream);
  if (surface === 'chat') return bodies;
  return {
    ...bodies,
    gateway: JSON.stringify({ model: 'gemini-2.5-flash', stream, store: false, input: text }),
  };
}

export const GATEWAY_HEADERS = {
  authorization: `Bearer ${BENCH_PASSWORD}`,
  'content-type': 'application/json',
};
export const FLOOR_HEADERS = { 'content-type': 'application/json' };

/** `count` words, so the emulator can split the echoed answer into that many stream events. */
export function words(count: number): string {
  return Array.from({ length: count }, (_, i) => `word${i}`).join(' ');
}
