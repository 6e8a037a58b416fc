/** Index maps from the request translation (see `ConvertedChatRequest`). */
export interface ParamMaps {
  /** OpenAI path (`tools[i]` / `functions[i]`) of each Gemini function declaration. */
  declarationParams?: readonly string[];
  /** OpenAI path (`messages[i]`) behind each Gemini content. */
  contentParams?: readonly (string | null)[];
  /** OpenAI path behind each part of each Gemini content. */
  partParams?: readonly (readonly (string | null)[])[];
}

const GENERATION_CONFIG: Record<string, string> = {
  temperature: 'temperature',
  top_p: 'top_p',
  max_output_tokens: 'max_completion_tokens',
  stop_sequences: 'stop',
  candidate_count: 'n',
  presence_penalty: 'presence_penalty',
  frequency_penalty: 'frequency_penalty',
  seed: 'seed',
  response_logprobs: 'logprobs',
  logprobs: 'top_logprobs',
  response_mime_type: 'response_format',
  response_schema: 'response_format.json_schema.schema',
  response_json_schema: 'response_format.json_schema.schema',
  response_modalities: 'modalities',
  thinking_config: 'reasoning_effort',
};

const DECLARATION =
  /\btools\[\d+\]\.(?:function_declarations|functionDeclarations)\[(\d+)\](?:\.([A-Za-z_]+))?/;
const CONTENT = /\bcontents\[(\d+)\](?:\.parts\[(\d+)\])?/;
const CONFIG = /\b(?:generation_config|generationConfig)\.([A-Za-z_]+)/;

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Recovers the OpenAI `param` a Google 400 message points at (translation.md §7.1, E75): e.g.
 * `Unknown name "additionalProperties" at 'tools[0].function_declarations[2].parameters'` →
 * `tools[5].function.parameters` (the client's own index of that function), `contents[4]` →
 * `messages[6]`, `generation_config.temperature` → `temperature`. Accepts snake and camel case
 * and the `request.` prefix Code Assist adds. Returns `null` when nothing maps.
 */
export function recoverOpenAIParam(googleMessage: string, maps: ParamMaps): string | null {
  const declaration = DECLARATION.exec(googleMessage);
  if (declaration) {
    const base = maps.declarationParams?.[Number(declaration[1])];
    if (base === undefined) return null;
    const field = snake(declaration[2] ?? '');
    const fn = base.startsWith('functions[') ? base : `${base}.function`;
    if (field.startsWith('parameters') || field === 'response' || field.startsWith('response_json'))
      return `${fn}.parameters`;
    if (field === 'name' || field === 'description') return `${fn}.${field}`;
    return fn;
  }
  const content = CONTENT.exec(googleMessage);
  if (content) {
    const index = Number(content[1]);
    if (content[2] !== undefined) {
      const part = maps.partParams?.[index]?.[Number(content[2])];
      if (part) return part;
    }
    return maps.contentParams?.[index] ?? null;
  }
  const config = CONFIG.exec(googleMessage);
  if (config?.[1]) return GENERATION_CONFIG[snake(config[1])] ?? null;
  return null;
}
