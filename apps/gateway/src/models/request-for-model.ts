import {
  fitRequestToModel,
  type GenerateContentRequest,
  type ResolvedGeminiModel,
} from '@geminicli2api/protocol-gemini';
import type { GatewayResponse } from '../http/gateway-response';
import { applyVariant } from './apply-variant';
import { addWarnings } from './warnings-header';

/**
 * The request as the resolved model takes it: its variant applied (`-search`, `-nothinking` …),
 * then fitted to what the model accepts rather than what Google would refuse (output limit,
 * thinking budget or level, penalties); what fitting changed is named in
 * `x-geminicli2api-warnings`.
 */
export function requestForModel(
  request: GenerateContentRequest,
  resolved: ResolvedGeminiModel,
  response: GatewayResponse,
): GenerateContentRequest {
  const fitted = fitRequestToModel(applyVariant(request, resolved), resolved.model);
  addWarnings(response, fitted.warnings);
  return fitted.request;
}
