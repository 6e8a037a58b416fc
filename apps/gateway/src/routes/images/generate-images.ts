import type {
  GeminiModelCatalog,
  GeminiPart,
  GenerateContentResponse,
  ResolvedGeminiModel,
} from '@geminicli2api/protocol-gemini';
import type { ImagesResponse, OpenAIImage } from '@geminicli2api/protocol-openai';
import { GatewayError } from '../../gateway-error';
import { sendJson, type GatewayResponse } from '../../http/gateway-response';
import { requestState } from '../../http/request-state';
import { contextOf } from '../../middleware/request-context';
import { resolveModel } from '../../models/resolve-model';
import { addWarnings } from '../../models/warnings-header';
import type { GeminiBackend } from '../../upstream/gemini-backend';
import { abortOnClientClose } from '../write-sse';
import { imageConfigForSize } from './image-config-for-size';

/** The image model used when the request names none. */
export const DEFAULT_IMAGE_MODEL = 'gemini-2.5-flash-image';

/** What one images request asks for, whichever endpoint it came from. */
export interface ImageJob {
  model: string | undefined;
  prompt: string;
  /** Input images of an edit, sent inline before the prompt. */
  images?: { mimeType: string; data: string }[];
  n: number;
  size: string | undefined;
  responseFormat: 'url' | 'b64_json' | undefined;
  /** Request fields the gateway does not use (`quality`, `style`…), named in the warnings header. */
  ignored: string[];
}

/** Resolves an image model; any other kind is a 400 naming the image models. */
export function resolveImageModel(
  catalog: GeminiModelCatalog,
  requested: string | undefined,
): ResolvedGeminiModel {
  const resolved = resolveModel(catalog, requested ?? DEFAULT_IMAGE_MODEL);
  if (resolved.model.kind === 'image') return resolved;
  const names = catalog.models.filter((model) => model.kind === 'image').map((model) => model.id);
  throw new GatewayError({
    code: 'INVALID_REQUEST',
    status: 400,
    param: 'model',
    message: `The model "${resolved.name}" does not generate images. Image models: ${names.join(', ')}.`,
  });
}

const REFUSALS = new Set(['SAFETY', 'IMAGE_SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII']);

/** The image of one Gemini answer, or the error that says why there is none. */
function imageOf(answer: GenerateContentResponse, model: string): OpenAIImage {
  const candidate = answer.candidates?.[0];
  const parts: GeminiPart[] = candidate?.content?.parts ?? [];
  const image = parts.find((part) => part.inlineData?.mimeType.startsWith('image/'));
  const text = parts
    .filter((part) => typeof part.text === 'string' && part.thought !== true)
    .map((part) => part.text)
    .join('')
    .trim();
  if (image?.inlineData) {
    return { b64_json: image.inlineData.data, ...(text ? { revised_prompt: text } : {}) };
  }
  const reason = candidate?.finishReason ?? answer.promptFeedback?.blockReason ?? 'none';
  const refused = REFUSALS.has(String(reason));
  throw new GatewayError({
    code: refused ? 'INVALID_REQUEST' : 'UPSTREAM_ERROR',
    status: refused ? 400 : 502,
    message: `${model} returned no image (finish reason ${String(reason)})${text ? `: ${text}` : '.'}`,
  });
}

/**
 * Runs an images request: `n` generateContent calls at once on the image model (Gemini draws one
 * image per call), `size` as the aspect ratio / image size, images answered as base64.
 */
export async function answerImages(
  job: ImageJob,
  response: GatewayResponse,
  client: GeminiBackend,
  catalog: GeminiModelCatalog,
): Promise<void> {
  if (job.responseFormat === 'url') {
    throw new GatewayError({
      code: 'INVALID_REQUEST',
      status: 400,
      param: 'response_format',
      message:
        'Invalid request: response_format "url" is not supported: the gateway keeps no images to link to. Use response_format "b64_json" (the default here).',
    });
  }
  const resolved = resolveImageModel(catalog, job.model);
  const model = resolved.model.id;
  const imageConfig = imageConfigForSize(job.size, model);
  addWarnings(response, job.ignored);
  requestState(response).model = model;
  const signal = abortOnClientClose(response);
  const parts: GeminiPart[] = [
    ...(job.images ?? []).map((image) => ({ inlineData: image })),
    { text: job.prompt },
  ];
  const answers = await Promise.all(
    Array.from({ length: job.n }, () =>
      client.generateContent({
        model,
        request: {
          contents: [{ role: 'user', parts }],
          generationConfig: {
            responseModalities: ['TEXT', 'IMAGE'],
            ...(imageConfig ? { imageConfig } : {}),
          },
        },
        signal,
        context: contextOf(response),
      }),
    ),
  );
  const body: ImagesResponse = {
    created: Math.floor(Date.now() / 1000),
    data: answers.map((answer) => imageOf(answer, model)),
  };
  sendJson(response, 200, body);
}
