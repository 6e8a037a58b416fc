import { isJsonObject } from './json-object';
import { validateLegacySchema } from './validate-legacy-schema';
import {
  firstUnknownKey,
  invalidArgument,
  unknownFieldMessage,
  type ValidationFailure,
} from './validation-failure';

/** The pattern Gemini enforces on function names. */
export const FUNCTION_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

const TOOL_KEYS = new Set([
  'functionDeclarations',
  'googleSearch',
  'googleSearchRetrieval',
  'urlContext',
  'codeExecution',
  'retrieval',
  'googleMaps',
  'enterpriseWebSearch',
  'computerUse',
]);
const DECLARATION_KEYS = new Set([
  'name',
  'description',
  'parameters',
  'parametersJsonSchema',
  'response',
  'responseJsonSchema',
  'behavior',
]);
const CALLING_MODES = new Set(['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED']);

const INVALID_NAME_MESSAGE =
  'Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.';

/**
 * Checks `request.tools`: known tool kinds, valid function names, `parameters` XOR
 * `parametersJsonSchema`, and legacy `parameters` restricted to the legacy keywords.
 */
export function validateTools(tools: unknown): ValidationFailure | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools))
    return invalidArgument(`Invalid value at 'request.tools', expected a list.`);
  for (const [toolIndex, tool] of tools.entries()) {
    const path = `request.tools[${toolIndex}]`;
    if (!isJsonObject(tool))
      return invalidArgument(`Invalid value at '${path}', expected an object.`);
    const unknown = firstUnknownKey(tool, TOOL_KEYS);
    if (unknown !== undefined) return invalidArgument(unknownFieldMessage(unknown, path));
    const declarations = tool.functionDeclarations;
    if (declarations === undefined) continue;
    if (!Array.isArray(declarations))
      return invalidArgument(`Invalid value at '${path}.function_declarations', expected a list.`);
    for (const [index, declaration] of declarations.entries()) {
      const failure = validateDeclaration(declaration, `${path}.function_declarations[${index}]`);
      if (failure !== undefined) return failure;
    }
  }
  return undefined;
}

function validateDeclaration(declaration: unknown, path: string): ValidationFailure | undefined {
  if (!isJsonObject(declaration))
    return invalidArgument(`Invalid value at '${path}', expected an object.`);
  const unknown = firstUnknownKey(declaration, DECLARATION_KEYS);
  if (unknown !== undefined) return invalidArgument(unknownFieldMessage(unknown, path));
  const name = declaration.name;
  if (typeof name !== 'string' || !FUNCTION_NAME_PATTERN.test(name)) {
    return invalidArgument(
      `* GenerateContentRequest.${path.replace(/^request\./, '')}.name: ${INVALID_NAME_MESSAGE}\n`,
    );
  }
  const { parameters, parametersJsonSchema } = declaration;
  if (parameters !== undefined && parametersJsonSchema !== undefined) {
    return invalidArgument(
      `* GenerateContentRequest.${path.replace(/^request\./, '')}.parameters: parameters and parameters_json_schema cannot both be set.\n`,
    );
  }
  if (parametersJsonSchema !== undefined && !isJsonObject(parametersJsonSchema)) {
    return invalidArgument(
      `Invalid value at '${path}.parameters_json_schema' (type.googleapis.com/google.protobuf.Value), expected an object.`,
    );
  }
  return parameters === undefined
    ? undefined
    : validateLegacySchema(parameters, `${path}.parameters`);
}

/** Checks `request.toolConfig.functionCallingConfig.mode`. */
export function validateToolConfig(toolConfig: unknown): ValidationFailure | undefined {
  if (toolConfig === undefined) return undefined;
  if (!isJsonObject(toolConfig))
    return invalidArgument(`Invalid value at 'request.tool_config', expected an object.`);
  const calling = toolConfig.functionCallingConfig;
  if (calling === undefined) return undefined;
  if (!isJsonObject(calling))
    return invalidArgument(
      `Invalid value at 'request.tool_config.function_calling_config', expected an object.`,
    );
  const mode = calling.mode;
  if (mode !== undefined && (typeof mode !== 'string' || !CALLING_MODES.has(mode.toUpperCase()))) {
    return invalidArgument(
      `Invalid value at 'request.tool_config.function_calling_config.mode' (type.googleapis.com/google.cloud.aiplatform.v1beta1.FunctionCallingConfig.Mode), ${JSON.stringify(mode)}`,
    );
  }
  return undefined;
}
