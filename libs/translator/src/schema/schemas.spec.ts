import { validateGenerateRequest } from '@geminicli2api/emulator';
import { normalizeJsonSchema } from './normalize-json-schema';
import { sanitizeLegacySchema } from './sanitize-legacy-schema';

const pydantic = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  $defs: { Unit: { type: 'string', enum: ['c', 'f'] } },
  properties: {
    city: { type: 'string', minLength: 1, format: 'hostname' },
    unit: { $ref: '#/$defs/Unit', description: 'temperature unit' },
    days: { type: ['integer', 'null'], enum: [1, 3, 7, null], default: 1 },
    tags: { type: 'array' },
  },
  required: ['city', 'ghost'],
};

describe('sanitizeLegacySchema (translation.md §5.3)', () => {
  it('§5.4: the Pydantic-style example becomes the documented legacy schema', () => {
    expect(sanitizeLegacySchema(pydantic)).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string', minLength: 1, description: '(format: hostname)' },
        unit: { type: 'string', enum: ['c', 'f'], description: 'temperature unit' },
        days: {
          type: 'integer',
          nullable: true,
          format: 'enum',
          enum: ['1', '3', '7'],
          description: '(default: 1)',
        },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['city'],
    });
  });

  it.each([
    {
      name: 'multi-type array → anyOf',
      input: { type: ['string', 'number'] },
      output: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    },
    {
      name: 'oneOf with null branch → inline + nullable',
      input: { oneOf: [{ type: 'string' }, { type: 'null' }], description: 'd' },
      output: { type: 'string', description: 'd', nullable: true },
    },
    {
      name: 'oneOf → anyOf',
      input: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      output: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    },
    {
      name: 'allOf merges',
      input: {
        allOf: [
          { properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: { type: 'string' } } },
        ],
      },
      output: {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'string' } },
        required: ['a'],
      },
    },
    { name: 'const → enum', input: { const: 'x' }, output: { type: 'string', enum: ['x'] } },
    {
      name: 'boolean enum dropped',
      input: { type: 'boolean', enum: [true, false] },
      output: { type: 'boolean' },
    },
    {
      name: '"" in enum → hint',
      input: { type: 'string', enum: ['', 'a'] },
      output: { type: 'string', enum: ['a'], description: '(may be empty)' },
    },
    {
      name: 'unsupported keyword → hint',
      input: { type: 'number', multipleOf: 5 },
      output: { type: 'number', description: '(multipleOf: 5)' },
    },
    {
      name: 'schema true / {} → object',
      input: { type: 'object', properties: { any: true, empty: {} } },
      output: {
        type: 'object',
        properties: { any: { type: 'object' }, empty: { type: 'object' } },
      },
    },
    {
      name: 'recursive $ref unrolls then stops',
      input: {
        $defs: { N: { type: 'object', properties: { next: { $ref: '#/$defs/N' } } } },
        $ref: '#/$defs/N',
      },
      output: {
        type: 'object',
        properties: {
          next: {
            type: 'object',
            properties: {
              next: {
                type: 'object',
                properties: { next: { type: 'object', description: '(recursive N)' } },
              },
            },
          },
        },
      },
    },
  ])('$name', ({ input, output }) => {
    expect(sanitizeLegacySchema(input)).toEqual(output);
  });

  it('output passes the emulator strict legacy validation', () => {
    const result = validateGenerateRequest(
      {
        model: 'gemini-2.5-flash',
        project: 'p',
        request: {
          contents: [{ role: 'user', parts: [{ text: 'x' }] }],
          tools: [
            { functionDeclarations: [{ name: 'f', parameters: sanitizeLegacySchema(pydantic) }] },
          ],
        },
      },
      ['gemini-2.5-flash'],
    );
    expect(result.ok).toBe(true);
  });
});

describe('normalizeJsonSchema (translation.md §5.2)', () => {
  it('§5.4: keeps additionalProperties, type arrays and numeric enums; inlines refs; hints constraints', () => {
    expect(normalizeJsonSchema(pydantic, { root: 'function' })).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        city: { type: 'string', format: 'hostname', description: '(minLength: 1)' },
        unit: { type: 'string', enum: ['c', 'f'], description: 'temperature unit' },
        days: { type: ['integer', 'null'], enum: [1, 3, 7], description: '(default: 1)' },
        tags: { type: 'array' },
      },
      required: ['city'],
    });
  });

  it('rewrites definitions refs, keeps recursive refs with $defs', () => {
    const out = normalizeJsonSchema({
      type: 'object',
      definitions: { N: { type: 'object', properties: { next: { $ref: '#/definitions/N' } } } },
      properties: { root: { $ref: '#/definitions/N' } },
    });
    expect(out).toEqual({
      type: 'object',
      properties: { root: { type: 'object', properties: { next: { $ref: '#/$defs/N' } } } },
      $defs: { N: { type: 'object', properties: { next: { $ref: '#/$defs/N' } } } },
    });
  });

  it('adds type object to a bare properties map', () => {
    expect(normalizeJsonSchema({ properties: { a: { const: 1 } } }, { root: 'function' })).toEqual({
      type: 'object',
      properties: { a: { enum: [1] } },
    });
  });
});
