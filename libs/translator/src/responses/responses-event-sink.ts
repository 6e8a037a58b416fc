import type {
  ResponsesOutputItem,
  ResponsesResponse,
  ResponsesStreamEvent,
  ResponsesStreamEventBody,
} from '@geminicli2api/protocol-openai';
import { visibleItem } from './responses-envelope';

/** The events that carry the whole response object. */
export type ResponseEventType =
  | 'response.created'
  | 'response.in_progress'
  | 'response.completed'
  | 'response.incomplete'
  | 'response.failed';

/** Where the Responses translation puts its items and stream events. */
export interface ResponsesEventSink {
  /** Queues an event with the next sequence number. */
  emit(event: ResponsesStreamEventBody): void;
  /** Queues an event carrying a snapshot of the response as it is now. */
  emitResponse(type: ResponseEventType): void;
  /** Appends the item to the output, queues `output_item.added`, returns its index. */
  addItem(item: ResponsesOutputItem): number;
  /** Queues `output_item.done` for the item at an index. */
  itemDone(index: number): void;
  /** The queued events, emptying the queue. */
  take(): ResponsesStreamEvent[];
}

/**
 * The event side of the Responses translation over `response`. Unless `streamed`, only the
 * response is built and no event (nor its snapshot) is made: the non-streamed answer needs none.
 *
 * Snapshots are one level deep: the translation changes the response and its items only by
 * assigning their own properties (status, content, usage …), never inside a value it already
 * emitted, so a copy of the response and of each item keeps an emitted event as it was.
 */
export function responsesEventSink(
  response: ResponsesResponse,
  includeEncrypted: boolean,
  streamed: boolean,
): ResponsesEventSink {
  let sequence = 0;
  let out: ResponsesStreamEvent[] = [];
  const emit = (event: ResponsesStreamEventBody): void => {
    if (streamed) out.push({ ...event, sequence_number: sequence++ } as ResponsesStreamEvent);
  };
  return {
    emit,
    emitResponse(type) {
      if (!streamed) return;
      const output = response.output.map((item) => visibleItem({ ...item }, includeEncrypted));
      emit({ type, response: { ...response, output } });
    },
    addItem(item) {
      response.output.push(item);
      const index = response.output.length - 1;
      if (streamed)
        emit({
          type: 'response.output_item.added',
          output_index: index,
          item: visibleItem({ ...item }, includeEncrypted),
        });
      return index;
    },
    itemDone(index) {
      const item = response.output[index];
      if (item && streamed)
        emit({
          type: 'response.output_item.done',
          output_index: index,
          item: visibleItem(item, includeEncrypted),
        });
    },
    take() {
      const events = out;
      out = [];
      return events;
    },
  };
}
