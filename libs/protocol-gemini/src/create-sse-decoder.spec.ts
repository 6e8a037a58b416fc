import { createSseDecoder } from './create-sse-decoder';

const STREAM =
  'data: {"a":1}\r\n\r\n' +
  ': a comment\r\n' +
  'event: ignored\r\nid: 7\r\n' +
  'data: {"b":\r\ndata: 2}\r\n\r\n' +
  'data: {"c":"é✓"}\n\n' +
  'data: {"d":4}\r\r';

const EXPECTED = ['{"a":1}', '{"b":\n2}', '{"c":"é✓"}', '{"d":4}'];

function decodeInPieces(pieces: string[]): string[] {
  const decoder = createSseDecoder();
  const events: string[] = [];
  for (const piece of pieces) events.push(...decoder.push(piece));
  events.push(...decoder.end());
  return events;
}

describe('createSseDecoder', () => {
  it('decodes CRLF, LF and CR framed events, joining multi-line data with \\n', () => {
    expect(decodeInPieces([STREAM])).toEqual(EXPECTED);
  });

  it.each(Array.from({ length: STREAM.length - 1 }, (_, i) => i + 1))(
    'gives the same events when the stream is split at offset %i',
    (offset) => {
      expect(decodeInPieces([STREAM.slice(0, offset), STREAM.slice(offset)])).toEqual(EXPECTED);
    },
  );

  it('gives the same events when every character arrives on its own', () => {
    expect(decodeInPieces([...STREAM])).toEqual(EXPECTED);
  });

  it('dispatches a final event that lacks its blank line when the stream ends', () => {
    expect(decodeInPieces(['data: {"a":1}\r\n\r\ndata: {"last":true}'])).toEqual([
      '{"a":1}',
      '{"last":true}',
    ]);
  });

  it('returns events as soon as they are complete, not only at the end', () => {
    const decoder = createSseDecoder();
    expect(decoder.push('data: {"x":1}\r\n')).toEqual([]);
    expect(decoder.push('\r\n')).toEqual(['{"x":1}']);
    expect(decoder.end()).toEqual([]);
  });
});
