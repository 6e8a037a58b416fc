import { z } from 'zod';
import {
  responsesOutputItemSchema,
  responsesOutputTextPartSchema,
  responsesResponseSchema,
} from './responses-object';

/**
 * Server-sent events of a streamed response; every event carries a `sequence_number` that
 * starts at 0 and grows by one. Sent as `event: <type>` + `data: <json>`.
 * https://platform.openai.com/docs/api-reference/responses-streaming
 */

const base = { sequence_number: z.number().int().nonnegative() };
const inItem = { ...base, item_id: z.string(), output_index: z.number().int() };
const summaryText = z.object({ type: z.literal('summary_text'), text: z.string() });

const lifecycle = <T extends string>(type: T) =>
  z.object({ type: z.literal(type), ...base, response: responsesResponseSchema });

/** One streaming event. */
export const responsesStreamEventSchema = z.discriminatedUnion('type', [
  lifecycle('response.created'),
  lifecycle('response.in_progress'),
  lifecycle('response.completed'),
  lifecycle('response.incomplete'),
  lifecycle('response.failed'),
  z.object({
    type: z.literal('response.output_item.added'),
    ...base,
    output_index: z.number().int(),
    item: responsesOutputItemSchema,
  }),
  z.object({
    type: z.literal('response.output_item.done'),
    ...base,
    output_index: z.number().int(),
    item: responsesOutputItemSchema,
  }),
  z.object({
    type: z.literal('response.content_part.added'),
    ...inItem,
    content_index: z.number().int(),
    part: responsesOutputTextPartSchema,
  }),
  z.object({
    type: z.literal('response.content_part.done'),
    ...inItem,
    content_index: z.number().int(),
    part: responsesOutputTextPartSchema,
  }),
  z.object({
    type: z.literal('response.output_text.delta'),
    ...inItem,
    content_index: z.number().int(),
    delta: z.string(),
    logprobs: z.array(z.unknown()),
  }),
  z.object({
    type: z.literal('response.output_text.done'),
    ...inItem,
    content_index: z.number().int(),
    text: z.string(),
    logprobs: z.array(z.unknown()),
  }),
  z.object({
    type: z.literal('response.function_call_arguments.delta'),
    ...inItem,
    delta: z.string(),
  }),
  z.object({
    type: z.literal('response.function_call_arguments.done'),
    ...inItem,
    name: z.string(),
    arguments: z.string(),
  }),
  z.object({
    type: z.literal('response.custom_tool_call_input.delta'),
    ...inItem,
    delta: z.string(),
  }),
  z.object({
    type: z.literal('response.custom_tool_call_input.done'),
    ...inItem,
    input: z.string(),
  }),
  z.object({
    type: z.literal('response.reasoning_summary_part.added'),
    ...inItem,
    summary_index: z.number().int(),
    part: summaryText,
  }),
  z.object({
    type: z.literal('response.reasoning_summary_part.done'),
    ...inItem,
    summary_index: z.number().int(),
    part: summaryText,
  }),
  z.object({
    type: z.literal('response.reasoning_summary_text.delta'),
    ...inItem,
    summary_index: z.number().int(),
    delta: z.string(),
  }),
  z.object({
    type: z.literal('response.reasoning_summary_text.done'),
    ...inItem,
    summary_index: z.number().int(),
    text: z.string(),
  }),
  z.object({
    type: z.literal('error'),
    ...base,
    code: z.string().nullable(),
    message: z.string(),
    param: z.string().nullable(),
  }),
]);

export type ResponsesStreamEvent = z.infer<typeof responsesStreamEventSchema>;
/** An event before its `sequence_number` is assigned. */
export type ResponsesStreamEventBody = ResponsesStreamEvent extends infer E
  ? E extends ResponsesStreamEvent
    ? Omit<E, 'sequence_number'>
    : never
  : never;
