import { h, s } from './dom';

/** One line of a chart. */
export interface Series {
  label: string;
  values: (number | null)[];
  /** A CSS class giving the colour (`series-1`…`series-4`). */
  tone: string;
}

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 64, right: 10, top: 14, bottom: 32 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((step) => step >= value) ?? value;
}

/**
 * A line chart as inline SVG (no library): `labels` along the x axis (first, middle, last shown),
 * one polyline per series, a legend, and an accessible summary in `aria-label`.
 */
export function lineChart(title: string, labels: string[], series: Series[]): HTMLElement {
  const all = series.flatMap((line) =>
    line.values.filter((value): value is number => value !== null),
  );
  const max = niceMax(Math.max(0, ...all));
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number): number =>
    PAD.left + (labels.length <= 1 ? 0 : (index / (labels.length - 1)) * innerWidth);
  const y = (value: number): number => PAD.top + innerHeight - (value / max) * innerHeight;
  const svg = s('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': `${title}: ${series
      .map((line) => {
        const values = line.values.map((value) => value ?? 0);
        const total = Math.round(values.reduce((sum, value) => sum + value, 0) * 10) / 10;
        return `${line.label} max ${Math.max(0, ...values)}, total ${total}`;
      })
      .join(', ')}`,
    class: 'chart',
  });
  for (const fraction of [0, 0.5, 1]) {
    const level = PAD.top + innerHeight * (1 - fraction);
    svg.append(
      s('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: level, y2: level, class: 'grid' }),
      s('text', { x: PAD.left - 8, y: level + 6, 'text-anchor': 'end', class: 'axis' }),
    );
    (svg.lastChild as SVGElement).textContent = formatTick(max * fraction);
  }
  for (const index of [0, Math.floor((labels.length - 1) / 2), labels.length - 1]) {
    if (labels[index] === undefined) continue;
    const anchor = index === 0 ? 'start' : index === labels.length - 1 ? 'end' : 'middle';
    const label = s('text', { x: x(index), y: HEIGHT - 8, 'text-anchor': anchor, class: 'axis' });
    label.textContent = labels[index] ?? '';
    svg.append(label);
  }
  for (const line of series) {
    const points = line.values
      .map((value, index) =>
        value === null ? undefined : `${x(index).toFixed(1)},${y(value).toFixed(1)}`,
      )
      .filter((point): point is string => point !== undefined);
    if (points.length === 1) {
      const [cx, cy] = (points[0] ?? '0,0').split(',');
      svg.append(s('circle', { cx: cx ?? 0, cy: cy ?? 0, r: 3, class: `dot ${line.tone}` }));
    } else if (points.length > 1)
      svg.append(s('polyline', { points: points.join(' '), class: `line ${line.tone}` }));
  }
  return h(
    'figure',
    { class: 'chart-box' },
    h('figcaption', {}, title),
    svg,
    h(
      'ul',
      { class: 'legend' },
      series.map((line) =>
        h('li', {}, h('span', { class: `swatch ${line.tone}`, 'aria-hidden': 'true' }), line.label),
      ),
    ),
  );
}

function formatTick(value: number): string {
  if (value >= 1_000_000) return `${Math.round(value / 100_000) / 10}M`;
  if (value >= 1000) return `${Math.round(value / 100) / 10}k`;
  return String(Math.round(value * 10) / 10);
}

/** A labelled horizontal bar (0..1), e.g. the quota left; `low` below 20 %. */
export function bar(label: string, fraction: number): HTMLElement {
  const clamped = Math.max(0, Math.min(1, fraction));
  const fill = h('span', { class: `bar-fill${clamped < 0.2 ? ' low' : ''}` });
  fill.style.width = `${(clamped * 100).toFixed(1)}%`;
  return h(
    'div',
    {
      class: 'bar',
      role: 'meter',
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': Math.round(clamped * 100),
      'aria-label': label,
    },
    fill,
  );
}
