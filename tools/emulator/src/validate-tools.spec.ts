import { validateLegacySchema } from './validate-legacy-schema';
import { validateToolConfig, validateTools } from './validate-tools';

const declare = (declaration: Record<string, unknown>) => [{ functionDeclarations: [declaration] }];
const objectSchema = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
};

describe('validateTools', () => {
  it.each<[string, unknown]>([
    ['no tools', undefined],
    [
      'a JSON-schema declaration with JSON-Schema-only keywords',
      declare({
        name: 'get_weather',
        parametersJsonSchema: { ...objectSchema, additionalProperties: false, type: ['object'] },
      }),
    ],
    [
      'a legacy declaration',
      declare({
        name: 'get_weather',
        parameters: { type: 'OBJECT', properties: { city: { type: 'STRING', nullable: true } } },
      }),
    ],
    ['a declaration without parameters', declare({ name: 'now' })],
    ['names with dots, colons and dashes', declare({ name: 'default_api:mcp.server-tool' })],
    ['a 64-character name', declare({ name: `a${'b'.repeat(63)}` })],
    ['built-in tools', [{ googleSearch: {} }, { urlContext: {} }, { codeExecution: {} }]],
  ])('accepts %s', (_name, tools) => {
    expect(validateTools(tools)).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    [
      'a name starting with a digit',
      declare({ name: '1tool' }),
      'Invalid function name. Must start with a letter or an underscore.',
    ],
    ['a name with a space', declare({ name: 'get weather' }), 'Invalid function name.'],
    [
      'a 65-character name',
      declare({ name: `a${'b'.repeat(64)}` }),
      'with a maximum length of 64.',
    ],
    [
      'both parameter fields',
      declare({ name: 'f', parameters: objectSchema, parametersJsonSchema: objectSchema }),
      'parameters and parameters_json_schema cannot both be set',
    ],
    [
      'additionalProperties in legacy parameters',
      declare({ name: 'f', parameters: { ...objectSchema, additionalProperties: false } }),
      `Invalid JSON payload received. Unknown name "additionalProperties" at 'request.tools[0].function_declarations[0].parameters': Cannot find field.`,
    ],
    [
      'an unknown declaration key',
      declare({ name: 'f', strict: true }),
      `Unknown name "strict" at 'request.tools[0].function_declarations[0]'`,
    ],
    ['tools that are not a list', { functionDeclarations: [] }, "Invalid value at 'request.tools'"],
  ])('rejects %s', (_name, tools, message) => {
    const failure = validateTools(tools);
    expect(failure?.code).toBe(400);
    expect(failure?.message).toContain(message);
  });
});

describe('validateLegacySchema', () => {
  const path = 'request.generation_config.response_schema';
  it.each<[string, unknown, string]>([
    [
      'a nested $ref',
      { type: 'object', properties: { a: { $ref: '#/$defs/A' } } },
      `Unknown name "$ref" at '${path}.properties[0].value'`,
    ],
    [
      'a type array',
      { type: ['string', 'null'] },
      `Unknown name "type" at '${path}': Proto field is not repeating, cannot start list.`,
    ],
    ['oneOf', { oneOf: [{ type: 'string' }] }, `Unknown name "oneOf" at '${path}'`],
    [
      'const inside items',
      { type: 'array', items: { const: 1 } },
      `Unknown name "const" at '${path}.items'`,
    ],
    [
      'an anyOf branch with exclusiveMinimum',
      { anyOf: [{ type: 'string' }, { type: 'number', exclusiveMinimum: 0 }] },
      `Unknown name "exclusiveMinimum" at '${path}.any_of[1]'`,
    ],
    ['an unknown type name', { type: 'null-ish' }, `Invalid value at '${path}.type'`],
    [
      'the second property being bad',
      {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'string', examples: ['x'] } },
      },
      `Unknown name "examples" at '${path}.properties[1].value'`,
    ],
  ])('rejects %s', (_name, schema, message) => {
    expect(validateLegacySchema(schema, path)?.message).toContain(message);
  });

  it('accepts every documented legacy keyword', () => {
    const schema = {
      type: 'OBJECT',
      format: 'enum',
      title: 't',
      description: 'd',
      nullable: true,
      enum: ['a'],
      maxItems: 1,
      minItems: 0,
      required: ['a'],
      minProperties: 0,
      maxProperties: 2,
      minLength: 0,
      maxLength: 3,
      pattern: '^a$',
      example: 'a',
      propertyOrdering: ['a'],
      default: 'a',
      minimum: 0,
      maximum: 1,
      properties: { a: { type: 'array', items: { type: 'integer' } } },
      anyOf: [{ type: 'string' }],
    };
    expect(validateLegacySchema(schema, path)).toBeUndefined();
  });
});

describe('validateToolConfig', () => {
  it.each([['AUTO'], ['any'], ['NONE'], ['VALIDATED']])('accepts mode %s', (mode) => {
    expect(validateToolConfig({ functionCallingConfig: { mode } })).toBeUndefined();
  });

  it('rejects an unknown mode with the proto enum message', () => {
    expect(validateToolConfig({ functionCallingConfig: { mode: 'REQUIRED' } })?.message).toContain(
      '"REQUIRED"',
    );
  });
});
