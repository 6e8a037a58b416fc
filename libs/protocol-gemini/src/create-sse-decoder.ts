import { createParser } from 'eventsource-parser';

/** Decodes a text/event-stream incrementally into the `data` payloads of its events. */
export interface SseDecoder {
  /** Feeds the next piece of text (any split); returns the events it completed. */
  push(text: string): string[];
  /**
   * Ends the stream. An event still open (no blank line after it) is dispatched rather than
   * dropped, so a final event without its terminator is not lost.
   */
  end(): string[];
}

/**
 * Creates an SSE decoder for Gemini streams: LF, CR and CRLF line ends, multi-line `data:`
 * (joined with `\n`), comments, `event:`/`id:` lines ignored, and arbitrary chunk splits —
 * including a split between the CR and LF of one line end. Built on `eventsource-parser`, which
 * follows the WHATWG parsing rules.
 */
export function createSseDecoder(): SseDecoder {
  let completed: string[] = [];
  const parser = createParser({
    onEvent(event) {
      completed.push(event.data);
    },
  });
  const take = (): string[] => {
    const events = completed;
    completed = [];
    return events;
  };
  return {
    push(text) {
      parser.feed(text);
      return take();
    },
    end() {
      parser.feed('\n\n');
      parser.reset();
      return take();
    },
  };
}
