import { sampleFromSchema } from './sample-from-schema';

describe('sampleFromSchema', () => {
  it.each<[string, unknown, unknown]>([
    ['a string', { type: 'string' }, 'example'],
    ['a string enum', { type: 'string', enum: ['b', 'a'] }, 'b'],
    ['an upper-case legacy integer', { type: 'INTEGER' }, 1],
    ['a number', { type: 'number' }, 1],
    ['a boolean', { type: 'boolean' }, true],
    ['an array', { type: 'array', items: { type: 'string' } }, []],
    ['a nullable type array', { type: ['null', 'string'] }, 'example'],
    ['an anyOf with a null branch', { anyOf: [{ type: 'null' }, { type: 'integer' }] }, 1],
    ['a const', { const: 'fixed' }, 'fixed'],
    [
      'an object with only required properties',
      {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'boolean' } },
        required: ['b'],
      },
      { b: true },
    ],
    [
      'an object with all properties when none are required',
      {
        properties: {
          a: { type: 'string' },
          n: { type: 'object', properties: { x: { type: 'number' } } },
        },
      },
      { a: 'example', n: { x: 1 } },
    ],
    [
      'required names missing from properties',
      { type: 'object', properties: { a: { type: 'string' } }, required: ['ghost'] },
      { a: 'example' },
    ],
    ['no type at all', {}, null],
  ])('samples %s', (_name, schema, expected) => {
    expect(sampleFromSchema(schema)).toEqual(expected);
  });
});
