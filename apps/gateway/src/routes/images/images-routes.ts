import {
  imageGenerationRequestSchema,
  type ImageGenerationRequest,
} from '@geminicli2api/protocol-openai';
import type { GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import { Router } from 'express';
import { GatewayError } from '../../gateway-error';
import { invalidRequestError, requireJsonObject } from '../../invalid-request-error';
import type { GeminiBackend } from '../../upstream/gemini-backend';
import { answerImages, type ImageJob } from './generate-images';
import { readImageForm } from './read-image-form';

/** Dependencies of {@link imagesRoutes}. */
export interface ImagesRoutesOptions {
  getClient: () => GeminiBackend;
  catalog: GeminiModelCatalog;
  /** REQUEST_BODY_LIMIT (`50mb`…), for multipart edits. */
  bodyLimit: string;
}

const USED = new Set(['prompt', 'model', 'n', 'size', 'response_format', 'image', 'image[]']);

function parse(value: unknown): ImageGenerationRequest {
  const parsed = imageGenerationRequestSchema.safeParse(requireJsonObject(value));
  if (parsed.success) return parsed.data;
  throw invalidRequestError(parsed.error);
}

function jobOf(body: ImageGenerationRequest, images?: ImageJob['images']): ImageJob {
  return {
    model: body.model,
    prompt: body.prompt,
    n: body.n ?? 1,
    size: body.size,
    responseFormat: body.response_format,
    ignored: Object.keys(body).filter((key) => !USED.has(key)),
    ...(images ? { images } : {}),
  };
}

/** Form fields as the JSON the generation schema reads (`n` is a number). */
function formBody(fields: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = { ...fields };
  if (fields['n'] !== undefined) body['n'] = Number(fields['n']);
  return body;
}

/**
 * `POST /v1/images/generations` (JSON) and `POST /v1/images/edits` (multipart/form-data as the
 * openai SDK sends it, or JSON with `image` as a data URL or base64): Gemini image models, the
 * input image sent inline.
 */
export function imagesRoutes({ getClient, catalog, bodyLimit }: ImagesRoutesOptions): Router {
  const router = Router();
  router.post('/v1/images/generations', async (request, response) => {
    const job = jobOf(parse(request.body));
    await answerImages(job, response, getClient(), catalog);
  });
  router.post('/v1/images/edits', async (request, response) => {
    let body: ImageGenerationRequest;
    let images: ImageJob['images'];
    if (request.is('multipart/form-data')) {
      const form = await readImageForm(request, bodyLimit);
      body = parse(formBody(form.fields));
      images = form.images;
    } else {
      const json = requireJsonObject(request.body);
      body = parse(json);
      images = inlineImages(json['image']);
    }
    if (!images || images.length === 0) {
      throw new GatewayError({
        code: 'INVALID_REQUEST',
        status: 400,
        param: 'image',
        message:
          'Invalid request: image is required: the image to edit, as a file (multipart) or a data URL.',
      });
    }
    await answerImages(jobOf(body, images), response, getClient(), catalog);
  });
  return router;
}

/** `image` of a JSON edit: one or several data URLs (or bare base64 PNGs). */
function inlineImages(value: unknown): ImageJob['images'] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => {
    const text = typeof item === 'string' ? item : '';
    const match = /^data:(image\/[a-z+.-]+);base64,(.+)$/i.exec(text);
    if (match?.[1] && match[2]) return { mimeType: match[1], data: match[2] };
    if (/^[A-Za-z0-9+/=\s]+$/.test(text) && text.length > 0)
      return { mimeType: 'image/png', data: text.replace(/\s/g, '') };
    throw new GatewayError({
      code: 'INVALID_REQUEST',
      status: 400,
      param: 'image',
      message:
        'Invalid request: image must be a data URL (data:image/png;base64,…) or base64 data.',
    });
  });
}
