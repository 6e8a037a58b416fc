import { Counter, type Metric, type Registry } from 'prom-client';

/** A label's value as the request path holds it (a status code, a stream flag, a name). */
export type LabelValue = string | number | boolean;

/**
 * One cell per label set, reached through nested Maps keyed by the label values in the order of
 * the label names. Counting a request is then a few lookups of values the gateway already holds,
 * where prom-client's `inc` and `observe` build, validate and look up a string key from a labels
 * object on every call (≈ 16 k instructions for a request's metrics against ≈ 5 k,
 * docs/performance.md). The cells are read when Prometheus scrapes.
 */
class LabelledCells<L extends string, C> {
  private root = new Map<LabelValue, unknown>();
  /** Every cell with its labels as Prometheus shows them, in creation order. */
  list: { labels: Record<L, string>; cell: C }[] = [];

  constructor(
    private readonly labelNames: readonly L[],
    private readonly create: () => C,
  ) {}

  /** The cell of `values` (one per label name, in order), created at first use. */
  at(values: readonly LabelValue[]): C {
    let node = this.root;
    const last = values.length - 1;
    for (let index = 0; index < last; index += 1) {
      const value = values[index] as LabelValue;
      let next = node.get(value) as Map<LabelValue, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(value, next);
      }
      node = next;
    }
    const value = values[last] as LabelValue;
    let cell = node.get(value) as C | undefined;
    if (cell === undefined) {
      cell = this.create();
      node.set(value, cell);
      const labels = {} as Record<L, string>;
      this.labelNames.forEach((name, index) => (labels[name] = String(values[index])));
      this.list.push({ labels, cell });
    }
    return cell;
  }

  clear(): void {
    this.root = new Map();
    this.list = [];
  }
}

interface MetricConfig<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  registers: Registry[];
}

/**
 * A prom-client counter for the request path: {@link add} only bumps a cell, and the sums reach
 * the counter (which Prometheus reads as usual) when it is scraped.
 */
export class TalliedCounter<L extends string> {
  private readonly cells: LabelledCells<L, { pending: number }>;

  constructor(config: MetricConfig<L>) {
    const cells = new LabelledCells(config.labelNames, () => ({ pending: 0 }));
    this.cells = cells;
    new Counter<L>({
      ...config,
      collect() {
        for (const { labels, cell } of cells.list) {
          if (cell.pending === 0) continue;
          this.inc(labels, cell.pending);
          cell.pending = 0;
        }
      },
    });
  }

  /** Adds `amount` (default 1) to the label set `values`, given in the order of the label names. */
  add(values: readonly LabelValue[], amount = 1): void {
    if (amount > 0) this.cells.at(values).pending += amount;
  }
}

interface HistogramCell {
  /** Observations per bucket (not cumulative); the last slot is above every bound. */
  counts: number[];
  sum: number;
  count: number;
}

interface ExportedValue {
  labels: Record<string, string | number>;
  sharedLabels: Record<string, string>;
  value: number;
  metricName: string;
}

/**
 * A histogram for the request path, exposed exactly as prom-client's own histogram is (the same
 * `_bucket` / `_sum` / `_count` lines) through the registry, which needs only `name`, `help`,
 * `type`, `aggregator`, `get` and `reset` from a metric.
 */
export class TalliedHistogram<L extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly buckets: readonly number[];
  private readonly cells: LabelledCells<L, HistogramCell>;

  constructor(config: MetricConfig<L> & { buckets: readonly number[] }) {
    this.name = config.name;
    this.help = config.help;
    this.buckets = [...config.buckets].sort((a, b) => a - b);
    this.cells = new LabelledCells(config.labelNames, () => ({
      counts: new Array<number>(this.buckets.length + 1).fill(0),
      sum: 0,
      count: 0,
    }));
    // The registry reads any object of this shape; its type names prom-client's classes only.
    for (const registry of config.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** Records `value` for the label set `values` (in the order of the label names); NaN is ignored. */
  observe(values: readonly LabelValue[], value: number): void {
    if (Number.isNaN(value)) return;
    const cell = this.cells.at(values);
    let bucket = 0;
    while (bucket < this.buckets.length && value > (this.buckets[bucket] as number)) bucket += 1;
    cell.counts[bucket] = (cell.counts[bucket] as number) + 1;
    cell.sum += value;
    cell.count += 1;
  }

  /** What the registry prints: each label set's buckets (cumulative), `+Inf`, sum and count. */
  getForPromString() {
    const values: ExportedValue[] = [];
    for (const { labels, cell } of this.cells.list) {
      const line = (extra: Record<string, string | number>, value: number, suffix: string) =>
        values.push({ labels: extra, sharedLabels: labels, value, metricName: this.name + suffix });
      let cumulative = 0;
      this.buckets.forEach((bound, index) => {
        cumulative += cell.counts[index] as number;
        line({ le: bound }, cumulative, '_bucket');
      });
      line({ le: '+Inf' }, cell.count, '_bucket');
      line({}, cell.sum, '_sum');
      line({}, cell.count, '_count');
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    };
  }

  /** The same values with each line's labels in one object (the registry's JSON form). */
  get() {
    const metric = this.getForPromString();
    return {
      ...metric,
      values: metric.values.map(({ labels, sharedLabels, value, metricName }) => ({
        labels: { ...labels, ...sharedLabels },
        value,
        metricName,
      })),
    };
  }

  reset(): void {
    this.cells.clear();
  }
}
