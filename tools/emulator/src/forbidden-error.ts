import { createGoogleError, type GoogleError } from './google-error';
import { CLOUD_CODE_DOMAIN } from './rate-limit-error';

/** Why an account is refused with 403 on every `v1internal` call. */
export type ForbiddenReason = 'TOS_DISABLED' | 'SERVICE_DISABLED' | 'SUBSCRIPTION_REQUIRED';

/**
 * Builds the 403 `PERMISSION_DENIED` error for a refused account, following the real bodies
 * described in the protocol reference §7.2. `project` appears in the SERVICE_DISABLED text and
 * activation URL.
 */
export function createForbiddenError(reason: ForbiddenReason, project: string): GoogleError {
  switch (reason) {
    case 'TOS_DISABLED':
      return createGoogleError({
        code: 403,
        message:
          'This service has been disabled in this account for violation of Terms of Service. Please submit an appeal to continue using this product.',
        details: [errorInfo('TOS_VIOLATION', CLOUD_CODE_DOMAIN, {})],
      });
    case 'SERVICE_DISABLED': {
      const activationUrl = `https://console.developers.google.com/apis/api/cloudaicompanion.googleapis.com/overview?project=${project}`;
      const message = `Gemini for Google Cloud API has not been used in project ${project} before or it is disabled. Enable it by visiting ${activationUrl} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`;
      return createGoogleError({
        code: 403,
        message,
        details: [
          errorInfo('SERVICE_DISABLED', 'googleapis.com', {
            service: 'cloudaicompanion.googleapis.com',
            consumer: `projects/${project}`,
            serviceTitle: 'Gemini for Google Cloud API',
            containerInfo: project,
            activationUrl,
          }),
          { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
          {
            '@type': 'type.googleapis.com/google.rpc.Help',
            links: [
              { description: 'Google developers console API activation', url: activationUrl },
            ],
          },
        ],
      });
    }
    case 'SUBSCRIPTION_REQUIRED':
      return createGoogleError({
        code: 403,
        message:
          'You lack a Gemini Code Assist license. Ask your administrator to assign you a Gemini Code Assist license and try again.',
        details: [errorInfo('SUBSCRIPTION_REQUIRED', 'cloudaicompanion.googleapis.com', {})],
      });
  }
}

function errorInfo(reason: string, domain: string, metadata: Record<string, string>) {
  return { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain, metadata };
}
