import type {
  ChatCompletionRequest,
  OpenAIAnyTool,
  ResponsesCustomTool,
  ResponsesFunctionTool,
  ResponsesRequest,
  ResponsesTool,
} from '@geminicli2api/protocol-openai';
import type { TranslationWarning } from '../translation-options';
import { TranslationError } from '../translator-error';

/** The Responses tools as chat-completion tools, plus what the answer side must know. */
export interface ResponsesToolsAsChat {
  tools?: OpenAIAnyTool[];
  tool_choice?: ChatCompletionRequest['tool_choice'];
  web_search_options?: Record<string, unknown>;
  /** Names of custom (freeform) tools: their calls go back as `custom_tool_call` items. */
  customTools: Set<string>;
  /** The built-in `local_shell` tool was declared: its calls go back as `local_shell_call` items. */
  localShell: boolean;
  /** Responses path (`tools[i]`, `tools[i].tools[j]`) of each chat tool, by chat index. */
  toolParams: string[];
}

type KnownTool =
  | ResponsesFunctionTool
  | ResponsesCustomTool
  | { type: 'namespace'; tools: (ResponsesFunctionTool | ResponsesCustomTool)[] }
  | { type: 'other' };

/** Built-in tool types served by Google Search grounding. */
const WEB_SEARCH = /^web_search(_preview)?(_\d{4}_\d{2}_\d{2})?$/;

/** The function that stands for the built-in `local_shell` tool. */
export const LOCAL_SHELL_FUNCTION = 'local_shell';

/** The one string argument a custom tool's function takes. */
export const CUSTOM_TOOL_ARGUMENT = 'input';

/**
 * Responses `tools` / `tool_choice` → the chat-completion equivalents the shared tool conversion
 * (`convertTools`) turns into Gemini declarations: function tools as they are, a `namespace`
 * flattened into its function tools, a custom (freeform) tool as a function taking one string
 * `input` (its grammar, if any, in the description), `web_search*` as Google Search. Any other
 * tool type is a 400 naming it: never dropped silently.
 */
export function convertResponsesTools(
  request: ResponsesRequest,
  warnings: TranslationWarning[],
): ResponsesToolsAsChat {
  const tools: OpenAIAnyTool[] = [];
  const toolParams: string[] = [];
  const customTools = new Set<string>();
  let webSearch: Record<string, unknown> | undefined;
  let localShell = false;
  const add = (entry: ResponsesTool, param: string): void => {
    const tool = entry as KnownTool;
    switch (tool.type) {
      case 'function':
        tools.push({
          type: 'function',
          function: {
            name: tool.name,
            description: tool.description,
            parameters: tool.parameters ?? { type: 'object', properties: {} },
            strict: tool.strict,
          },
        });
        toolParams.push(param);
        return;
      case 'custom':
        customTools.add(tool.name);
        tools.push({ type: 'function', function: customFunction(tool) });
        toolParams.push(param);
        return;
      case 'namespace':
        tool.tools.forEach((inner, index) => add(inner, `${param}.tools[${index}]`));
        return;
    }
    const other = entry as { type: string; external_web_access?: unknown };
    if (other.type === 'local_shell') {
      localShell = true;
      tools.push({ type: 'function', function: LOCAL_SHELL_DECLARATION });
      toolParams.push(param);
      return;
    }
    if (WEB_SEARCH.test(other.type)) {
      if (other.external_web_access === false) {
        warnings.push({
          param: `${param}.external_web_access`,
          message: 'Google Search only searches the live web; web search was not enabled.',
        });
        return;
      }
      webSearch = {};
      return;
    }
    throw new TranslationError({
      code: 'UNSUPPORTED_FEATURE',
      message: `Tools of type "${other.type}" cannot be served by Gemini; supported: function, custom, namespace, web_search, local_shell.`,
      param: `${param}.type`,
    });
  };
  (request.tools ?? []).forEach((tool, index) => add(tool, `tools[${index}]`));
  const out: ResponsesToolsAsChat = { customTools, localShell, toolParams };
  if (tools.length > 0) out.tools = tools;
  if (webSearch) out.web_search_options = webSearch;
  const choice = convertToolChoice(request.tool_choice);
  if (choice !== undefined) out.tool_choice = choice;
  return out;
}

const LOCAL_SHELL_DECLARATION = {
  name: LOCAL_SHELL_FUNCTION,
  description: "Runs a shell command on the user's machine and returns its output.",
  parameters: {
    type: 'object',
    properties: {
      command: {
        type: 'array',
        items: { type: 'string' },
        description: 'The command and its arguments, e.g. ["bash", "-lc", "ls"].',
      },
      workdir: { type: 'string', description: 'Working directory of the command.' },
      timeout_ms: { type: 'integer', description: 'Time limit in milliseconds.' },
    },
    required: ['command'],
  },
};

function customFunction(tool: ResponsesCustomTool) {
  const format = tool.format;
  const grammar =
    format?.type === 'grammar' && typeof format['definition'] === 'string'
      ? `\n\nThe input follows this ${String(format['syntax'] ?? '')} grammar:\n${format['definition']}`
      : '';
  return {
    name: tool.name,
    description: `${tool.description ?? ''}${grammar}`.trim() || null,
    parameters: {
      type: 'object',
      properties: {
        [CUSTOM_TOOL_ARGUMENT]: { type: 'string', description: 'The raw input of the tool.' },
      },
      required: [CUSTOM_TOOL_ARGUMENT],
    },
  };
}

function convertToolChoice(
  choice: ResponsesRequest['tool_choice'],
): ChatCompletionRequest['tool_choice'] {
  if (choice == null) return undefined;
  if (typeof choice === 'string') return choice;
  const named = (name: unknown) => ({
    type: 'function' as const,
    function: { name: String(name) },
  });
  if ((choice.type === 'function' || choice.type === 'custom') && 'name' in choice)
    return named(choice.name);
  if (choice.type === 'allowed_tools' && 'tools' in choice && Array.isArray(choice.tools)) {
    const mode = 'mode' in choice && choice.mode === 'required' ? 'required' : 'auto';
    const tools = choice.tools
      .filter((tool) => tool.type === 'function' || tool.type === 'custom')
      .map((tool) => named(tool.name));
    return { type: 'allowed_tools', allowed_tools: { mode, tools } };
  }
  if (WEB_SEARCH.test(choice.type)) return 'auto';
  throw new TranslationError({
    code: 'UNSUPPORTED_FEATURE',
    message: `tool_choice of type "${choice.type}" cannot be served by Gemini.`,
    param: 'tool_choice.type',
  });
}
