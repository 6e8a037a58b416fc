import type { GenerateContentRequest } from '@geminicli2api/protocol-gemini';
import type { ChatCompletionRequest } from '@geminicli2api/protocol-openai';
import { detectModelTraits, type ThinkingStyle } from '../model-traits';
import type { SignatureCache } from '../signature/signature-cache';
import { convertTools, type SchemaMode } from '../tools/convert-tools';
import type { ResolvedMedia, ToolNameMap, TranslationWarning } from '../translation-options';
import { convertGenerationConfig } from './convert-generation-config';
import { convertMessagesToContents } from './convert-messages-to-contents';

/** Options for {@link convertChatRequestToGemini}. */
export interface ConvertRequestOptions {
  /** Target Gemini model id (after alias resolution); defaults to `request.model`. */
  model?: string;
  /** Thinking style from a model catalog; otherwise derived from the model id. */
  thinking?: ThinkingStyle;
  /** `json-schema` (default): `parametersJsonSchema`/`responseJsonSchema`; `legacy`: sanitised `parameters`/`responseSchema`. */
  schemaMode?: SchemaMode;
  /** Read side of the thought-signature cache. */
  signatureCache?: SignatureCache;
  /** Pre-fetched http(s) media by URL (see `collectRemoteMediaUrls`). */
  remoteMedia?: ReadonlyMap<string, ResolvedMedia>;
  /** Split markdown `![](data:image/…)` images out of text (off by default). */
  markdownImages?: boolean;
  /** Drop a trailing assistant message instead of sending it as a prefill. */
  dropTrailingAssistant?: boolean;
  /** Bypass value for unsigned Gemini 3 turns (default `skip_thought_signature_validator`). */
  signatureSentinel?: string;
}

/** The translated request plus what the response side and the caller need to know. */
export interface ConvertedChatRequest {
  request: GenerateContentRequest;
  warnings: TranslationWarning[];
  /** Gemini → OpenAI function names that had to be sanitised; pass to the response side. */
  toolNames: ToolNameMap;
  /** OpenAI path (`tools[i]`) of each Gemini function declaration, for error `param`s. */
  declarationParams: readonly string[];
  /** OpenAI path (`messages[i]`) of the first message behind each Gemini `contents[k]`. */
  contentParams: readonly (string | null)[];
  /** OpenAI path of the message behind each `contents[k].parts[p]` (`null` when synthesized). */
  partParams: readonly (readonly (string | null)[])[];
}

/**
 * Converts an OpenAI chat completion request into a Gemini `GenerateContentRequest` (the inner
 * request; wrapping it for Code Assist is the transport's job). Pure and synchronous. Nothing is
 * injected that the client did not ask for: no default safety settings, no thinking config, no
 * temperature. Throws `TranslationError` (with `param`) for requests Gemini cannot honour.
 */
export function convertChatRequestToGemini(
  request: ChatCompletionRequest,
  options: ConvertRequestOptions = {},
): ConvertedChatRequest {
  const warnings: TranslationWarning[] = [];
  const traits = detectModelTraits(options.model ?? request.model, options.thinking);
  const schemaMode = options.schemaMode ?? 'json-schema';
  const tools = convertTools(request, traits, schemaMode, warnings);
  const messages = convertMessagesToContents(request.messages, {
    traits,
    toolNames: tools.toGemini,
    signatureCache: options.signatureCache,
    remoteMedia: options.remoteMedia,
    markdownImages: options.markdownImages,
    dropTrailingAssistant: options.dropTrailingAssistant,
    signatureSentinel: options.signatureSentinel,
  });
  warnings.push(...messages.warnings);
  const generationConfig = convertGenerationConfig(request, traits, schemaMode, warnings);
  const out: GenerateContentRequest = { contents: messages.contents };
  if (messages.systemInstruction) out.systemInstruction = messages.systemInstruction;
  if (tools.tools) out.tools = tools.tools;
  if (tools.toolConfig) out.toolConfig = tools.toolConfig;
  const google = request.google ?? request.extra_body?.google;
  const safety = request.safety_settings ?? google?.safety_settings;
  if (safety)
    out.safetySettings = safety.map(({ category, threshold }) => ({ category, threshold }));
  const cached = request.cached_content ?? google?.cached_content;
  if (cached) out.cachedContent = cached;
  if (Object.keys(generationConfig).length > 0) out.generationConfig = generationConfig;
  if (request.parallel_tool_calls === false && tools.tools) {
    warnings.push({
      param: 'parallel_tool_calls',
      message: 'Gemini cannot disable parallel function calls; ignored.',
    });
  }
  return {
    request: out,
    warnings,
    toolNames: tools.toOpenAI,
    declarationParams: tools.declarationParams,
    contentParams: messages.contentParams,
    partParams: messages.partParams,
  };
}
