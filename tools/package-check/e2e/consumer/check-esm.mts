// Type-checked by `tsc --noEmit` in the consumer: the ES module types, and the trimmed surface.
import * as translator from '@geminicli2api/translator';
import { normalizeJsonSchema } from '@geminicli2api/translator/internal';
import type { ChatCompletionChunk } from '@geminicli2api/protocol-openai';

const stream = translator.createChatCompletionChunkTranslator({ model: 'gemini-2.5-flash' });
export const chunks: ChatCompletionChunk[] = stream.end();
export const schema: unknown = normalizeJsonSchema({ type: 'object' });
// @ts-expect-error building blocks are `./internal`, not the public API
export const helper = translator.normalizeJsonSchema;
