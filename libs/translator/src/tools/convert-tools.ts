import type {
  GeminiFunctionDeclaration,
  GeminiTool,
  GeminiToolConfig,
} from '@geminicli2api/protocol-gemini';
import type {
  ChatCompletionRequest,
  OpenAIFunctionDefinition,
} from '@geminicli2api/protocol-openai';
import type { ModelTraits } from '../model-traits';
import { normalizeJsonSchema } from '../schema/normalize-json-schema';
import { sanitizeLegacySchema } from '../schema/sanitize-legacy-schema';
import { isRecord, type TranslationWarning } from '../translation-options';
import { TranslationError } from '../translator-error';
import { sanitizeFunctionName } from './function-names';

/** Which schema field function declarations and structured output use. */
export type SchemaMode = 'json-schema' | 'legacy';

/** Gemini tools, tool config and the name maps both directions need. */
export interface ConvertedTools {
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  /** OpenAI name → Gemini name for every declared function. */
  toGemini: Map<string, string>;
  /** Gemini name → OpenAI name, only where they differ. */
  toOpenAI: Map<string, string>;
  /** OpenAI index (`tools[i]` / `functions[i]`) of each Gemini declaration, in order. */
  declarationParams: string[];
}

const BUILT_INS: Record<string, keyof GeminiTool> = {
  googleSearch: 'googleSearch',
  google_search: 'googleSearch',
  codeExecution: 'codeExecution',
  code_execution: 'codeExecution',
  urlContext: 'urlContext',
  url_context: 'urlContext',
};

/**
 * Converts `tools`/`functions`, `tool_choice`/`function_call` and `web_search_options` into
 * Gemini `tools` (one entry holding every function declaration, plus built-ins) and
 * `toolConfig.functionCallingConfig`; sanitises function names and remembers how to restore them.
 */
export function convertTools(
  request: ChatCompletionRequest,
  traits: ModelTraits,
  schemaMode: SchemaMode,
  warnings: TranslationWarning[],
): ConvertedTools {
  const functions: { definition: OpenAIFunctionDefinition; param: string }[] = [];
  const builtIns: GeminiTool[] = [];
  (request.tools ?? []).forEach((entry, index) => {
    if (entry.type === 'function' && 'function' in entry && isRecord(entry.function)) {
      functions.push({
        definition: entry.function as OpenAIFunctionDefinition,
        param: `tools[${index}]`,
      });
      return;
    }
    const tool = entry as Record<string, unknown>;
    const key = Object.keys(tool).find((name) => name in BUILT_INS);
    const kind = key ?? (typeof tool['type'] === 'string' ? tool['type'] : undefined);
    const target = kind === undefined ? undefined : BUILT_INS[kind];
    if (target === undefined) {
      throw new TranslationError({
        message: `Tools of type "${String(tool['type'] ?? 'unknown')}" are not supported; only function tools and Gemini built-ins are.`,
        param: `tools[${index}].type`,
      });
    }
    const config = key !== undefined && isRecord(tool[key]) ? tool[key] : {};
    builtIns.push({ [target]: config });
  });
  (request.functions ?? []).forEach((definition, index) =>
    functions.push({ definition, param: `functions[${index}]` }),
  );

  const toGemini = new Map<string, string>();
  const toOpenAI = new Map<string, string>();
  for (const { definition, param } of functions) {
    const geminiName = sanitizeFunctionName(definition.name);
    const clash =
      toOpenAI.get(geminiName) ?? (toGemini.has(definition.name) ? definition.name : undefined);
    if (clash !== undefined || [...toGemini.values()].includes(geminiName)) {
      throw new TranslationError({
        message: `Function name "${definition.name}" is declared twice (or collides after sanitising).`,
        param: `${param}.function.name`,
      });
    }
    toGemini.set(definition.name, geminiName);
    if (geminiName !== definition.name) toOpenAI.set(geminiName, definition.name);
  }

  const choice = convertToolChoice(request, toGemini);
  const allowed = choice.filter;
  const declarations: GeminiFunctionDeclaration[] = [];
  const declarationParams: string[] = [];
  for (const { definition, param } of functions) {
    if (allowed && !allowed.has(definition.name)) continue;
    declarations.push(
      convertDeclaration(
        definition,
        toGemini.get(definition.name) ?? definition.name,
        param,
        schemaMode,
      ),
    );
    declarationParams.push(param);
  }
  if (request.web_search_options != null) {
    if (declarations.length > 0 && !traits.gemini3) {
      warnings.push({
        param: 'web_search_options',
        message:
          'Gemini 2.x cannot combine Google Search with function tools; web search was dropped.',
      });
    } else builtIns.push({ googleSearch: {} });
  }
  const tools: GeminiTool[] = [];
  if (declarations.length > 0) tools.push({ functionDeclarations: declarations });
  tools.push(...builtIns);
  const out: ConvertedTools = { toGemini, toOpenAI, declarationParams };
  if (tools.length > 0) out.tools = tools;
  if (declarations.length > 0 && choice.config)
    out.toolConfig = { functionCallingConfig: choice.config };
  return out;
}

function convertDeclaration(
  definition: OpenAIFunctionDefinition,
  name: string,
  param: string,
  schemaMode: SchemaMode,
): GeminiFunctionDeclaration {
  const declaration: GeminiFunctionDeclaration = { name };
  if (definition.description) declaration.description = definition.description;
  const parameters = definition.parameters;
  if (parameters == null) return declaration;
  const schemaParam = param.startsWith('functions')
    ? `${param}.parameters`
    : `${param}.function.parameters`;
  if (schemaMode === 'json-schema') {
    declaration.parametersJsonSchema = normalizeJsonSchema(parameters, {
      root: 'function',
      param: schemaParam,
    });
    return declaration;
  }
  const sanitized = sanitizeLegacySchema(parameters);
  const properties = sanitized['properties'];
  if (!(isRecord(properties) && Object.keys(properties).length === 0))
    declaration.parameters = sanitized;
  return declaration;
}

type CallingConfig = NonNullable<GeminiToolConfig['functionCallingConfig']>;

function convertToolChoice(
  request: ChatCompletionRequest,
  declared: ReadonlyMap<string, string>,
): { config?: CallingConfig; filter?: Set<string> } {
  const named = (name: string): string => {
    const geminiName = declared.get(name);
    if (geminiName === undefined) {
      throw new TranslationError({
        message: `tool_choice names "${name}", which is not a declared function.`,
        param: 'tool_choice',
      });
    }
    return geminiName;
  };
  const choice = request.tool_choice ?? request.function_call;
  if (choice == null || declared.size === 0) return {};
  if (choice === 'none') return { config: { mode: 'NONE' } };
  if (choice === 'auto') return { config: { mode: 'AUTO' } };
  if (choice === 'required') return { config: { mode: 'ANY' } };
  if ('allowed_tools' in choice) {
    const names = choice.allowed_tools.tools.map((tool) => tool.function.name);
    const geminiNames = names.map(named);
    if (choice.allowed_tools.mode === 'required')
      return { config: { mode: 'ANY', allowedFunctionNames: geminiNames } };
    return { config: { mode: 'AUTO' }, filter: new Set(names) };
  }
  const name = 'function' in choice ? choice.function.name : choice.name;
  return { config: { mode: 'ANY', allowedFunctionNames: [named(name)] } };
}
