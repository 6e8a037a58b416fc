import { GatewayError } from '../gateway-error';
import { formatDuration } from './format-duration';
import type { UpstreamFailureKind } from './retry-policy';
import type { UpstreamTransport } from './upstream-transport';

/**
 * The error a client gets when no attempt reached the upstream: a first-byte or connect timeout
 * (504, naming the setting), an untrusted TLS certificate, or an unreachable host (502).
 */
export function unreachable(
  upstreamName: string,
  url: string,
  kind: UpstreamFailureKind,
  transport: Pick<UpstreamTransport, 'firstByteTimeoutMs' | 'connectTimeoutMs'>,
  cause: unknown,
): GatewayError {
  const host = new URL(url).host;
  const timedOut = (message: string) =>
    new GatewayError({
      code: 'UPSTREAM_UNREACHABLE',
      status: 504,
      retry: { attempt: 'backoff' },
      cause,
      message: `${upstreamName} (${host}) ${message}`,
    });
  if (kind === 'timeout-first-byte') {
    return timedOut(
      `did not start answering within ${formatDuration(transport.firstByteTimeoutMs)} (UPSTREAM_FIRST_BYTE_TIMEOUT_MS).`,
    );
  }
  const code = (cause as { code?: unknown } | undefined)?.code;
  // A headers timeout can only be a proxy's answer to CONNECT (see createUpstreamFetch).
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    const within =
      transport.connectTimeoutMs === undefined
        ? ''
        : ` within ${formatDuration(transport.connectTimeoutMs)}`;
    return timedOut(
      `did not accept a connection${within} (UPSTREAM_CONNECT_TIMEOUT_MS). Check the network, firewalls and HTTPS_PROXY.`,
    );
  }
  if (causeCode(cause, CLOSED_WITHOUT_ANSWER)) {
    return new GatewayError({
      code: 'UPSTREAM_UNREACHABLE',
      status: 502,
      retry: { attempt: 'backoff' },
      cause,
      message: `${upstreamName} (${host}) closed the connection without answering: it accepted the connection, then closed it before sending a response.`,
    });
  }
  const certificate = certificateProblem(cause);
  return new GatewayError({
    code: 'UPSTREAM_UNREACHABLE',
    status: 502,
    retry: { attempt: 'backoff' },
    cause,
    message: certificate
      ? `${upstreamName} (${host}) sent a TLS certificate this machine does not trust (${certificate}). A proxy that intercepts TLS needs its CA certificate in NODE_EXTRA_CA_CERTS.`
      : `${upstreamName} (${host}) could not be reached. Check the network, DNS and HTTPS_PROXY.`,
  });
}

/** OpenSSL's verdicts on a certificate chain (Node's `error.code` for a failed verification). */
const CERTIFICATE_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The peer took the connection, then closed or reset it before any response byte. */
const CLOSED_WITHOUT_ANSWER = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/** The certificate error behind a failed connection (undici may wrap it once), if any. */
function certificateProblem(cause: unknown): string | undefined {
  return causeCode(cause, CERTIFICATE_ERRORS);
}

/** The first `code` among `codes` in the error's cause chain (undici may wrap it once), if any. */
function causeCode(cause: unknown, codes: ReadonlySet<string>): string | undefined {
  for (let error = cause, depth = 0; error && depth < 3; depth += 1) {
    const { code } = error as { code?: unknown };
    if (typeof code === 'string' && codes.has(code)) return code;
    error = (error as { cause?: unknown }).cause;
  }
  return undefined;
}
