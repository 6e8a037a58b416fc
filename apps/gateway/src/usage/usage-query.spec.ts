import { STORE_ENGINES, usageEvent } from '../../test/support/ledger-fixtures';
import type { Store, UsageRow as EventRow } from '../store/open-store';
import { usageSummary } from './usage-query';

const FROM = new Date('2030-01-01T00:00:00.000Z');
const TO = new Date('2030-01-03T00:00:00.000Z');

const event = (fields: Partial<EventRow>): EventRow =>
  usageEvent({
    time: '2030-01-01T10:00:00.000Z',
    key_id: 'k1',
    key_name: 'alice',
    served_model: 'gemini-2.5-flash',
    prompt_tokens: 10,
    completion_tokens: 5,
    reasoning_tokens: 1,
    cached_tokens: 2,
    latency_ms: 100,
    ...fields,
  });

/** 20 of alice's requests on day 1 (latencies 10…200 ms, two failed), 3 of bob's on day 2. */
const EVENTS: EventRow[] = [
  ...Array.from({ length: 20 }, (_, index) =>
    event({ latency_ms: (index + 1) * 10, status: index < 2 ? 429 : 200 }),
  ),
  ...[1, 2, 3].map((index) =>
    event({
      time: `2030-01-02T0${index}:00:00.000Z`,
      key_id: 'k2',
      key_name: 'bob',
      model: 'gemini-2.5-pro',
      surface: 'anthropic',
      prompt_tokens: 100,
      completion_tokens: 50,
      latency_ms: index * 1000,
    }),
  ),
  // Outside the period.
  event({ time: '2030-01-03T00:00:00.000Z', prompt_tokens: 99_999 }),
  event({ time: '2029-12-31T23:59:59.999Z', prompt_tokens: 99_999 }),
];

describe.each(STORE_ENGINES)('usageSummary (%s)', (_name, open) => {
  let opened: { store: Store; drop(): Promise<void> };
  beforeAll(async () => {
    opened = await open();
    await opened.store.insertUsage(EVENTS);
  });
  afterAll(async () => {
    await opened?.store.close();
    await opened?.drop();
  });
  const summary = (groupBy: Parameters<typeof usageSummary>[1]['groupBy']) =>
    usageSummary(opened.store.db, { from: FROM, to: TO, groupBy });

  it('sums the whole period in one row when nothing groups it', async () => {
    expect(await summary([])).toEqual([
      {
        requests: 23,
        errors: 2,
        prompt_tokens: 20 * 10 + 3 * 100,
        completion_tokens: 20 * 5 + 3 * 50,
        reasoning_tokens: 23,
        cached_tokens: 46,
        total_tokens: 20 * 15 + 3 * 150,
        latency_ms_p50: 120,
        latency_ms_p95: 2000,
      },
    ]);
  });

  it('groups by key and day, with each group’s latency percentiles', async () => {
    const rows = await summary(['key', 'day']);
    const sorted = [...rows].sort((a, b) => String(a.day).localeCompare(String(b.day)));
    expect(sorted).toEqual([
      expect.objectContaining({
        key_id: 'k1',
        key_name: 'alice',
        day: '2030-01-01',
        requests: 20,
        errors: 2,
        total_tokens: 300,
        latency_ms_p50: 100,
        latency_ms_p95: 190,
      }),
      expect.objectContaining({
        key_id: 'k2',
        key_name: 'bob',
        day: '2030-01-02',
        requests: 3,
        errors: 0,
        total_tokens: 450,
        latency_ms_p50: 2000,
        latency_ms_p95: 3000,
      }),
    ]);
    expect(Object.keys(sorted[0] ?? {})).not.toContain('model');
  });

  it('groups by model, surface and status', async () => {
    const rows = await summary(['model', 'surface', 'status']);
    const keyOf = (row: (typeof rows)[number]) => `${row.model} ${row.surface} ${row.status}`;
    expect(Object.fromEntries(rows.map((row) => [keyOf(row), row.requests]))).toEqual({
      'gemini-2.5-flash openai 200': 18,
      'gemini-2.5-flash openai 429': 2,
      'gemini-2.5-pro anthropic 200': 3,
    });
    expect(rows.every((row) => typeof row.status === 'number')).toBe(true);
  });

  it('answers no rows for an empty period', async () => {
    expect(
      await usageSummary(opened.store.db, {
        from: new Date('2031-01-01T00:00:00Z'),
        to: new Date('2031-01-02T00:00:00Z'),
        groupBy: ['key'],
      }),
    ).toEqual([]);
  });
});
