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

export const GATEWAY_HEADERS = {
  authorization: `Bearer ${BENCH_PASSWORD}`,
  'content-type': 'application/json',
};
export const FLOOR_HEADERS = { 'content-type': 'application/json' };

/** `count` words, so the emulator can split the echoed answer into that many stream events. */
export function words(count: number): string {
  return Array.from({ length: count }, (_, i) => `word${i}`).join(' ');
}
