import { lastUserText } from './fake-model';
import { createFakePng, fakeImageSize } from './fake-png';
import type { GeminiGenerateRequest } from './gemini-types';
import type { AnswerCandidate } from './model-answer';

/** Image models draw: `gemini-3-pro-image`, `gemini-2.5-flash-image-preview`… */
export function isImageModel(model: string): boolean {
  return /-image(-|$)/.test(model);
}

/**
 * What the fake image model answers: a caption and a real PNG (its size follows
 * `generationConfig.imageConfig`'s aspect ratio and image size; its colour, the prompt), or only
 * the caption when `responseModalities` asks for text alone. An image in the prompt (an edit) is
 * named in the caption.
 */
export function imageCandidate(request: GeminiGenerateRequest, index: number): AnswerCandidate {
  const config = request.generationConfig ?? {};
  const prompt = lastUserText(request.contents);
  const modalities = Array.isArray(config['responseModalities'])
    ? (config['responseModalities'] as unknown[]).map((value) => String(value).toUpperCase())
    : ['TEXT', 'IMAGE'];
  const imageConfig = (config['imageConfig'] ?? {}) as { aspectRatio?: string; imageSize?: string };
  const [width, height] = fakeImageSize(imageConfig.aspectRatio, imageConfig.imageSize);
  let seed = index;
  for (const char of prompt) seed = (seed * 31 + char.charCodeAt(0)) & 0xff;
  const parts: AnswerCandidate['parts'] = [{ text: `Image: ${prompt}` }];
  if (modalities.includes('IMAGE')) {
    parts.push({
      inlineData: {
        mimeType: 'image/png',
        data: createFakePng(width, height, seed).toString('base64'),
      },
    });
  }
  return { parts, finishReason: 'STOP' };
}
