import type { GeminiPart } from '@geminicli2api/protocol-gemini';
import type { OpenAIContentPart } from '@geminicli2api/protocol-openai';
import type { ResolvedMedia } from '../translation-options';
import { TranslationError } from '../translator-error';
import { mimeTypeFromName, parseDataUrl } from './parse-data-url';

/** What content-part conversion needs from the request options. */
export interface PartContext {
  /** Pre-fetched http(s) media, by URL (see `collectRemoteMediaUrls`). */
  remoteMedia?: ReadonlyMap<string, ResolvedMedia>;
  /** Split `![alt](data:image/…)` markdown in text into inline images. */
  markdownImages?: boolean;
}

/** URLs Gemini reads itself: Cloud Storage, the Files API and YouTube. */
export function isGeminiReadableUrl(url: string): boolean {
  return (
    url.startsWith('gs://') ||
    /^https:\/\/generativelanguage\.googleapis\.com\/v1(beta)?\/files\//.test(url) ||
    /^https:\/\/(www\.)?(youtube\.com\/watch|youtu\.be\/)/.test(url)
  );
}

/** Converts message content (string or parts) to Gemini parts; empty text is skipped. */
export function convertContentParts(
  content: string | readonly OpenAIContentPart[] | null | undefined,
  param: string,
  context: PartContext,
): GeminiPart[] {
  if (content == null) return [];
  if (typeof content === 'string') return convertText(content, context);
  const parts: GeminiPart[] = [];
  content.forEach((part, index) =>
    parts.push(...convertPart(part, `${param}.content[${index}]`, context)),
  );
  return parts;
}

function convertPart(part: OpenAIContentPart, param: string, context: PartContext): GeminiPart[] {
  switch (part.type) {
    case 'text':
      return convertText(part.text, context);
    case 'refusal':
      return part.refusal === '' ? [] : [{ text: part.refusal }];
    case 'image_url':
      return [convertMediaUrl(part.image_url.url, `${param}.image_url.url`, context)];
    case 'input_audio': {
      const format = part.input_audio.format.toLowerCase();
      if (part.input_audio.data === '')
        throw new TranslationError({
          message: 'input_audio.data is empty.',
          param: `${param}.input_audio.data`,
        });
      const mimeType =
        parseDataUrl(part.input_audio.data)?.mimeType ??
        (format === 'mp3' || format === 'mpeg' ? 'audio/mp3' : `audio/${format}`);
      const data = parseDataUrl(part.input_audio.data)?.data ?? part.input_audio.data;
      return [{ inlineData: { mimeType, data } }];
    }
    case 'file':
      return [convertFile(part.file, param)];
    default: {
      const exhaustive: never = part;
      return exhaustive;
    }
  }
}

function convertFile(
  file: { file_data?: string | null; file_id?: string | null; filename?: string | null },
  param: string,
): GeminiPart {
  if (file.file_data) {
    const parsed = parseDataUrl(file.file_data);
    if (parsed) return { inlineData: parsed };
    const mimeType = file.filename ? mimeTypeFromName(file.filename) : undefined;
    if (!mimeType) {
      throw new TranslationError({
        message:
          'file_data is raw base64 and the filename has no known extension; send a data URL with a mime type.',
        param: `${param}.file.filename`,
      });
    }
    return { inlineData: { mimeType, data: file.file_data } };
  }
  if (file.file_id && isGeminiReadableUrl(file.file_id)) {
    const mimeType = file.filename ? mimeTypeFromName(file.filename) : undefined;
    return { fileData: mimeType ? { mimeType, fileUri: file.file_id } : { fileUri: file.file_id } };
  }
  throw new TranslationError({
    message: file.file_id
      ? 'OpenAI file ids cannot be read by Gemini; send the file inline as file_data.'
      : 'A file part needs file_data.',
    param: `${param}.file.${file.file_id ? 'file_id' : 'file_data'}`,
  });
}

/** A data URL, a pre-fetched http(s) URL, or a URL Gemini reads itself → one part. */
export function convertMediaUrl(url: string, param: string, context: PartContext): GeminiPart {
  const parsed = parseDataUrl(url);
  if (parsed) return { inlineData: parsed };
  if (isGeminiReadableUrl(url)) {
    const mimeType = url.includes('youtu') ? 'video/*' : mimeTypeFromName(url);
    return {
      fileData: mimeType && mimeType !== 'video/*' ? { mimeType, fileUri: url } : { fileUri: url },
    };
  }
  const resolved = context.remoteMedia?.get(url);
  if (resolved) return { inlineData: { mimeType: resolved.mimeType, data: resolved.data } };
  throw new TranslationError({
    message: /^https?:\/\//i.test(url)
      ? 'The image URL could not be fetched; send it as a base64 data URL instead.'
      : 'Unsupported image URL; use a base64 data URL, an http(s) URL or a gs:// URI.',
    param,
  });
}

const MARKDOWN_IMAGE = /!\[[^\]]*\]\((data:image\/[^)\s]+)\)/g;

function convertText(text: string, context: PartContext): GeminiPart[] {
  if (text === '') return [];
  if (!context.markdownImages || !text.includes('](data:image/')) return [{ text }];
  const parts: GeminiPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKDOWN_IMAGE)) {
    const parsed = parseDataUrl(match[1] ?? '');
    if (!parsed) continue;
    const before = text.slice(last, match.index);
    if (before !== '') parts.push({ text: before });
    parts.push({ inlineData: parsed });
    last = (match.index ?? 0) + match[0].length;
  }
  const rest = text.slice(last);
  if (rest !== '') parts.push({ text: rest });
  return parts;
}
