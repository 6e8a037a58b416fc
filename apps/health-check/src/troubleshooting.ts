/** Section anchors of `docs/troubleshooting.md` that fix hints point to. */
export type TroubleshootingAnchor =
  | 'service-not-reachable'
  | 'port-already-in-use'
  | 'env-file-not-loaded'
  | 'env-file-format'
  | '401-unauthorized'
  | 'authentication-not-enforced'
  | 'no-credentials'
  | 'credentials-invalid'
  | 'oauth-token-expired'
  | 'unsupported-client'
  | 'license-or-project-errors'
  | 'model-not-found'
  | 'stream-interrupted'
  | 'slow-responses'
  | 'quota-429'
  | 'container-keeps-restarting'
  | 'reading-container-logs'
  | 'google-unreachable'
  | 'proxy-settings';

/** The link to one troubleshooting section, as printed in fix hints. */
export function fixLink(anchor: TroubleshootingAnchor): string {
  return `docs/troubleshooting.md#${anchor}`;
}

/** Picks the section that explains an account or upstream error message. */
export function anchorForAccountProblem(text: string): TroubleshootingAnchor {
  if (/UNSUPPORTED_CLIENT/i.test(text)) return 'unsupported-client';
  if (/invalid_grant|expired or revoked|RELOGIN|log in again/i.test(text))
    return 'oauth-token-expired';
  if (/quota|429|RESOURCE_EXHAUSTED|cooldown|rate.?limit/i.test(text)) return 'quota-429';
  if (/no.credentials/i.test(text)) return 'no-credentials';
  return 'license-or-project-errors';
}
