import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { GatewayError } from '../../gateway-error';

/** The fields of an images edit: text fields and the image files, inline. */
export interface ImageForm {
  fields: Record<string, string>;
  images: { mimeType: string; data: string }[];
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif']);

/** Reads the raw body, refusing more than REQUEST_BODY_LIMIT. */
async function readBody(request: IncomingMessage, limit: string): Promise<Buffer> {
  try {
    return await getRawBody(request, { limit });
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    throw new GatewayError({
      code: 'INVALID_REQUEST',
      status: status === 413 ? 413 : 400,
      cause: error,
      message:
        status === 413
          ? `The request body is larger than REQUEST_BODY_LIMIT (${limit}).`
          : 'Invalid request: the body could not be read.',
    });
  }
}

/** The image type of a file: its declared type, else what its name ends with. */
function mimeTypeOf(file: File): string {
  if (IMAGE_TYPES.has(file.type)) return file.type;
  const extension = /\.([a-z]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return extension === 'jpg' || extension === 'jpeg'
    ? 'image/jpeg'
    : extension === 'webp'
      ? 'image/webp'
      : 'image/png';
}

/**
 * Parses a `multipart/form-data` images edit (what the openai SDK sends: `image` or `image[]`
 * files, `prompt`, `n`, `size`…) with the platform's own FormData parser; files become inline
 * base64 images. `mask` is refused: Gemini edits by instruction, not by mask.
 */
export async function readImageForm(request: IncomingMessage, limit: string): Promise<ImageForm> {
  const body = await readBody(request, limit);
  let form: FormData;
  try {
    form = await new Response(body, {
      headers: { 'content-type': String(request.headers['content-type']) },
    }).formData();
  } catch {
    throw new GatewayError({
      code: 'INVALID_REQUEST',
      status: 400,
      message: 'Invalid request: the multipart/form-data body could not be read.',
    });
  }
  const fields: Record<string, string> = {};
  const images: ImageForm['images'] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      fields[name] = value;
      continue;
    }
    if (name === 'mask') {
      throw new GatewayError({
        code: 'INVALID_REQUEST',
        status: 400,
        param: 'mask',
        message:
          'Invalid request: mask is not supported: Gemini edits images by instruction. Describe the change in the prompt instead.',
      });
    }
    if (name === 'image' || name === 'image[]') {
      images.push({
        mimeType: mimeTypeOf(value),
        data: Buffer.from(await value.arrayBuffer()).toString('base64'),
      });
    }
  }
  return { fields, images };
}
