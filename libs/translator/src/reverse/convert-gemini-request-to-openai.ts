import type {
  GeminiContent,
  GeminiPart,
  GenerateContentRequest,
} from '@geminicli2api/protocol-gemini';
import type { ChatCompletionRequestInput, OpenAIContentPart } from '@geminicli2api/protocol-openai';
import { isRecord, type TranslationWarning } from '../translation-options';

type Message = ChatCompletionRequestInput['messages'][number];

/** The OpenAI request plus what could not be expressed. */
export interface ConvertedOpenAIRequest {
  request: ChatCompletionRequestInput;
  warnings: TranslationWarning[];
}

/**
 * Converts a Gemini `GenerateContentRequest` into an OpenAI chat request (translation.md §4.1),
 * for apps holding Gemini-shaped data that talk to OpenAI-compatible servers. Lossy: thoughts,
 * thought signatures, safety settings, built-in tools other than search, `topK`, more than four
 * stop sequences and `fileData` URIs of non-images (see the README).
 */
export function convertGeminiRequestToOpenAI(
  request: GenerateContentRequest,
  model: string,
): ConvertedOpenAIRequest {
  const warnings: TranslationWarning[] = [];
  const messages: Message[] = [];
  const system =
    request.systemInstruction?.parts.map((part) => part.text ?? '').filter((text) => text !== '') ??
    [];
  if (system.length > 0) messages.push({ role: 'system', content: system.join('\n') });
  const pending = new Map<string, string[]>();
  let counter = 0;
  request.contents.forEach((content, turn) => convertContent(content, turn));

  function convertContent(content: GeminiContent, turn: number): void {
    if (content.role === 'model') {
      const text = content.parts
        .filter((part) => typeof part.text === 'string' && !part.thought)
        .map((part) => part.text)
        .join('');
      const calls = content.parts.flatMap((part, index) => {
        const call = part.functionCall;
        if (!call) return [];
        const id = call.id ?? `call_${turn}_${index}_${counter++}`;
        pending.set(call.name, [...(pending.get(call.name) ?? []), id]);
        return [
          {
            id,
            type: 'function' as const,
            function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
          },
        ];
      });
      messages.push({
        role: 'assistant',
        content: text === '' ? null : text,
        ...(calls.length > 0 ? { tool_calls: calls } : {}),
      });
      return;
    }
    const parts: OpenAIContentPart[] = [];
    for (const part of content.parts) {
      const response = part.functionResponse;
      if (response) {
        const queue = pending.get(response.name) ?? [];
        const id = response.id ?? queue.shift() ?? `call_orphan_${counter++}`;
        const body = response.response;
        const keys = Object.keys(body);
        const text =
          keys.length === 1 && typeof body['output'] === 'string'
            ? body['output']
            : JSON.stringify(body);
        messages.push({ role: 'tool', tool_call_id: id, content: text });
        continue;
      }
      const converted = convertPart(part, warnings);
      if (converted) parts.push(converted);
    }
    if (parts.length === 0) return;
    const onlyText = parts.every((part) => part.type === 'text');
    messages.push({
      role: 'user',
      content: onlyText
        ? parts.map((part) => (part.type === 'text' ? part.text : '')).join('')
        : parts,
    });
  }

  const out: ChatCompletionRequestInput = { model, messages };
  const config = request.generationConfig ?? {};
  if (config.temperature !== undefined) out.temperature = config.temperature;
  if (config.topP !== undefined) out.top_p = config.topP;
  if (config.seed !== undefined) out.seed = config.seed;
  if (config.presencePenalty !== undefined) out.presence_penalty = config.presencePenalty;
  if (config.frequencyPenalty !== undefined) out.frequency_penalty = config.frequencyPenalty;
  if (config.maxOutputTokens !== undefined) out.max_completion_tokens = config.maxOutputTokens;
  if (config.candidateCount !== undefined) out.n = config.candidateCount;
  if (config.topK !== undefined)
    warnings.push({ param: 'generationConfig.topK', message: 'OpenAI has no topK; dropped.' });
  if (config.stopSequences) {
    if (config.stopSequences.length > 4)
      warnings.push({
        param: 'generationConfig.stopSequences',
        message: 'OpenAI accepts 4 stop sequences; the rest were dropped.',
      });
    out.stop = config.stopSequences.slice(0, 4);
  }
  const schema = config.responseJsonSchema ?? config.responseSchema;
  if (isRecord(schema))
    out.response_format = {
      type: 'json_schema',
      json_schema: { name: 'response', schema, strict: false },
    };
  else if (config.responseMimeType === 'application/json')
    out.response_format = { type: 'json_object' };
  const thinking = config.thinkingConfig;
  if (thinking?.thinkingLevel)
    out.reasoning_effort =
      thinking.thinkingLevel.toLowerCase() as ChatCompletionRequestInput['reasoning_effort'];
  else if (thinking?.thinkingBudget !== undefined && thinking.thinkingBudget >= 0) {
    const budget = thinking.thinkingBudget;
    out.reasoning_effort =
      budget === 0 ? 'none' : budget <= 1024 ? 'low' : budget <= 8192 ? 'medium' : 'high';
  }
  const declarations = (request.tools ?? []).flatMap((tool) => tool.functionDeclarations ?? []);
  if (declarations.length > 0) {
    out.tools = declarations.map((declaration) => ({
      type: 'function' as const,
      function: {
        name: declaration.name,
        ...(declaration.description ? { description: declaration.description } : {}),
        ...(isRecord(declaration.parametersJsonSchema ?? declaration.parameters)
          ? {
              parameters: (declaration.parametersJsonSchema ?? declaration.parameters) as Record<
                string,
                unknown
              >,
            }
          : {}),
      },
    }));
  }
  const mode = request.toolConfig?.functionCallingConfig?.mode;
  const allowed = request.toolConfig?.functionCallingConfig?.allowedFunctionNames ?? [];
  if (mode === 'NONE') out.tool_choice = 'none';
  else if (mode === 'AUTO') out.tool_choice = 'auto';
  else if ((mode === 'ANY' || mode === 'VALIDATED') && allowed.length === 1 && allowed[0])
    out.tool_choice = { type: 'function', function: { name: allowed[0] } };
  else if (mode === 'ANY' || mode === 'VALIDATED') out.tool_choice = 'required';
  if (request.tools?.some((tool) => tool.googleSearch)) out.web_search_options = {};
  if (request.safetySettings)
    warnings.push({ param: 'safetySettings', message: 'OpenAI has no safety settings; dropped.' });
  return { request: out, warnings };
}

function convertPart(
  part: GeminiPart,
  warnings: TranslationWarning[],
): OpenAIContentPart | undefined {
  if (typeof part.text === 'string')
    return part.thought || part.text === '' ? undefined : { type: 'text', text: part.text };
  const inline = part.inlineData;
  if (inline) {
    const url = `data:${inline.mimeType};base64,${inline.data}`;
    if (inline.mimeType.startsWith('image/')) return { type: 'image_url', image_url: { url } };
    if (
      inline.mimeType === 'audio/wav' ||
      inline.mimeType === 'audio/mp3' ||
      inline.mimeType === 'audio/mpeg'
    ) {
      return {
        type: 'input_audio',
        input_audio: { data: inline.data, format: inline.mimeType === 'audio/wav' ? 'wav' : 'mp3' },
      };
    }
    return {
      type: 'file',
      file: { file_data: url, filename: `document.${inline.mimeType.split('/')[1] ?? 'bin'}` },
    };
  }
  if (part.fileData) {
    if (part.fileData.mimeType?.startsWith('image/'))
      return { type: 'image_url', image_url: { url: part.fileData.fileUri } };
    warnings.push({
      param: 'contents.parts.fileData',
      message: 'OpenAI cannot read file URIs; sent as a text note.',
    });
    return { type: 'text', text: `File: ${part.fileData.fileUri}` };
  }
  return undefined;
}
