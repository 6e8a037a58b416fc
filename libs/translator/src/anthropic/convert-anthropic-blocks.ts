import type { GeminiPart } from '@geminicli2api/protocol-gemini';
import type {
  AnthropicContentBlock,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicToolResultContentBlock,
} from '@geminicli2api/protocol-anthropic';
import type { OpenAIContentPart } from '@geminicli2api/protocol-openai';
import { isGeminiReadableUrl, type PartContext } from '../request/convert-content-parts';
import { TranslationError } from '../translator-error';

type MediaBlock = AnthropicImageBlock | AnthropicDocumentBlock;

/**
 * An image or document block as the equivalent OpenAI content part(s), so the gateway's one
 * media path (data URLs, pre-fetched http(s) URLs, Gemini-readable URIs) serves both surfaces.
 */
export function mediaBlockToParts(block: MediaBlock, param: string): OpenAIContentPart[] {
  const source = block.source;
  switch (source.type) {
    case 'base64':
      if (source.data === '')
        throw new TranslationError({
          message: 'source.data is empty.',
          param: `${param}.source.data`,
        });
      return block.type === 'image'
        ? [
            {
              type: 'image_url',
              image_url: { url: `data:${source.media_type};base64,${source.data}` },
            },
          ]
        : [
            {
              type: 'file',
              file: { file_data: `data:${source.media_type};base64,${source.data}` },
            },
          ];
    case 'url':
      return [{ type: 'image_url', image_url: { url: source.url } }];
    case 'text':
      return [{ type: 'text', text: titled(block, source.data) }];
    case 'content': {
      if (typeof source.content === 'string')
        return [{ type: 'text', text: titled(block, source.content) }];
      return source.content.flatMap((inner, index) =>
        inner.type === 'text'
          ? [{ type: 'text' as const, text: inner.text }]
          : mediaBlockToParts(inner, `${param}.source.content.${index}`),
      );
    }
    case 'file':
      throw new TranslationError({
        message: 'Anthropic file ids cannot be read by Gemini; send the content inline (base64).',
        param: `${param}.source.file_id`,
        code: 'UNSUPPORTED_FEATURE',
      });
  }
}

function titled(block: MediaBlock, text: string): string {
  return block.type === 'document' && block.title ? `${block.title}\n\n${text}` : text;
}

/** Tool-result content (a string or text/image/document blocks) as OpenAI parts. */
export function toolResultToParts(
  content: string | readonly AnthropicToolResultContentBlock[] | undefined,
  param: string,
): string | OpenAIContentPart[] {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.flatMap((block, index) =>
    block.type === 'text'
      ? [{ type: 'text' as const, text: block.text }]
      : mediaBlockToParts(block, `${param}.content.${index}`),
  );
}

/** The http(s) media URLs of a request's blocks that Gemini cannot read itself. */
export function collectAnthropicMediaUrls(messages: readonly { content: unknown }[]): string[] {
  const urls = new Set<string>();
  const visit = (blocks: readonly AnthropicContentBlock[] | AnthropicToolResultContentBlock[]) => {
    for (const block of blocks) {
      if (block.type === 'tool_result' && Array.isArray(block.content)) visit(block.content);
      if (block.type !== 'image' && block.type !== 'document') continue;
      const source = block.source;
      if (source.type === 'content' && Array.isArray(source.content)) visit(source.content);
      if (source.type !== 'url') continue;
      if (/^https?:\/\//i.test(source.url) && !isGeminiReadableUrl(source.url))
        urls.add(source.url);
    }
  };
  for (const message of messages)
    if (Array.isArray(message.content)) visit(message.content as AnthropicContentBlock[]);
  return [...urls];
}

export type { GeminiPart, PartContext };
