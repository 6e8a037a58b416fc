import { outcome, type CheckOutcome } from '../check-result';
import { bearer, type CheckContext } from '../check-context';
import { errorMessage, failureReason, field, parseJsonOrUndefined, probe } from '../http-probe';
import { anchorForAccountProblem, fixLink, type TroubleshootingAnchor } from '../troubleshooting';

const GENERATE_TIMEOUT_MS = 60_000;

function anchorFor(status: number, message: string): TroubleshootingAnchor {
  if (status === 401) return '401-unauthorized';
  if (status === 404) return 'model-not-found';
  if (status === 429) return 'quota-429';
  if (status === 503 && /no (google )?credentials/i.test(message)) return 'no-credentials';
  if (status === 504 || status === 408) return 'slow-responses';
  return anchorForAccountProblem(message);
}

interface StreamStats {
  status: number;
  firstByteMs?: number;
  totalMs: number;
  events: number;
  done: boolean;
  text: string;
  error?: string;
}

async function stream(context: CheckContext, body: string): Promise<StreamStats> {
  const started = performance.now();
  const response = await fetch(`${context.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      ...bearer(context.password),
      'content-type': 'application/json',
      accept: 'text/event-stream',
    },
    body,
    signal: AbortSignal.timeout(GENERATE_TIMEOUT_MS),
  });
  const stats: StreamStats = {
    status: response.status,
    totalMs: 0,
    events: 0,
    done: false,
    text: '',
  };
  if (!response.ok || !response.body) {
    const text = await response.text();
    const json = parseJsonOrUndefined(text);
    return {
      ...stats,
      totalMs: Math.round(performance.now() - started),
      error: errorMessage(json) ?? text.slice(0, 200),
    };
  }
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body) {
      stats.firstByteMs ??= Math.round(performance.now() - started);
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let newline;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') stats.done = true;
        else stats.events += 1;
        const message = data.startsWith('{') ? errorMessage(JSON.parse(data)) : undefined;
        if (message) stats.error = message;
      }
    }
  } catch (error) {
    stats.error = `stream broke off (${failureReason(error)})`;
  }
  return { ...stats, totalMs: Math.round(performance.now() - started) };
}

/** One tiny completion, unary then streamed (only with `--generate`): first byte time, `[DONE]`. */
export async function checkStreaming(context: CheckContext): Promise<CheckOutcome> {
  if (!context.generate)
    return outcome.skipped('not checked: pass --generate to run one tiny completion');
  if (context.gatewayUp === false) return outcome.skipped('the gateway is not reachable');
  const model = context.model ?? 'gemini-2.5-flash';
  const request = {
    model,
    messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
    max_tokens: 16,
  };
  try {
    const unary = await probe(`${context.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...bearer(context.password), 'content-type': 'application/json' },
      body: JSON.stringify(request),
      timeoutMs: GENERATE_TIMEOUT_MS,
    });
    const choices = field(unary.json, 'choices');
    if (unary.status !== 200 || !Array.isArray(choices) || choices.length === 0) {
      const message = errorMessage(unary.json) ?? `HTTP ${unary.status}`;
      return outcome.fail(
        `completion with ${model} failed (${unary.status}): ${message}`,
        fixLink(anchorFor(unary.status, message)),
        {
          model,
          unary: { status: unary.status, ms: unary.ms },
        },
      );
    }
    const streamed = await stream(context, JSON.stringify({ ...request, stream: true }));
    const details = {
      model,
      unary: { status: unary.status, ms: unary.ms },
      stream: { ...streamed, text: undefined },
    };
    if (streamed.status !== 200) {
      const message = streamed.error ?? `HTTP ${streamed.status}`;
      return outcome.fail(
        `streamed completion failed (${streamed.status}): ${message}`,
        fixLink(anchorFor(streamed.status, message)),
        details,
      );
    }
    if (streamed.error) {
      return outcome.fail(
        `stream ended with an error: ${streamed.error}`,
        fixLink(anchorForStreamError(streamed.error)),
        details,
      );
    }
    if (!streamed.done) {
      return outcome.fail(
        `stream ended without [DONE] after ${streamed.events} events`,
        fixLink('stream-interrupted'),
        details,
      );
    }
    const finding = `${model}: unary ${unary.ms} ms; stream first byte ${streamed.firstByteMs ?? '?'} ms, ${streamed.events} events in ${streamed.totalMs} ms, ended with [DONE]`;
    if ((streamed.firstByteMs ?? 0) > 20_000)
      return outcome.warn(finding, fixLink('slow-responses'), details);
    return outcome.pass(finding, details);
  } catch (error) {
    return outcome.fail(
      `completion request got no answer (${failureReason(error)})`,
      fixLink('slow-responses'),
      { model },
    );
  }
}

function anchorForStreamError(message: string): TroubleshootingAnchor {
  return /broke off|reset|closed|terminated/i.test(message)
    ? 'stream-interrupted'
    : anchorForAccountProblem(message);
}
