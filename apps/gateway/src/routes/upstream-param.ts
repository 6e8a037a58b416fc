import { GatewayError } from '../gateway-error';

/**
 * The one place an upstream 400 gets the client's `param`: Google's message names a path in the
 * Gemini request (`contents[3]`, `tools[0].function_declarations[2]`, `generation_config.…`),
 * and `recover` maps it to the path in the client's own request (chat: `recoverOpenAIParam` with
 * the translation's index maps, E75; Responses: the translation's `recoverParam`). Every error
 * mapper then renders `param` as it is. Returns `error` unchanged when it is not such a 400, it
 * already has a `param`, or nothing maps.
 */
export function withUpstreamParam(
  error: unknown,
  recover: (googleMessage: string) => string | null | undefined,
): unknown {
  if (!GatewayError.isInstance(error) || error.upstream?.code !== 400 || error.param) return error;
  const param = recover(error.upstream.message);
  if (!param) return error;
  const { message, code, status, upstream, retry } = error;
  return new GatewayError({ message, code, status, upstream, retry, param, cause: error });
}
