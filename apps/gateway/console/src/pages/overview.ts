import { getJson } from '../api';
import { lineChart } from '../chart';
import { h, replace, table } from '../dom';
import { backendWithState, dependencyDetail } from '../gateway-text';
import { formatDuration, formatNumber, t, type TextKey } from '../i18n';
import type { Overview, PageContext, TrafficPoint, UsageRow } from '../types';

let range: 'hour' | 'day' = 'hour';

function label(point: TrafficPoint): string {
  return new Date(point.time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function charts(points: TrafficPoint[]): HTMLElement {
  const labels = points.map(label);
  const active = points.some((point) => point.requests > 0);
  return h(
    'div',
    {},
    !active && h('p', { class: 'muted' }, t('noTraffic')),
    h(
      'div',
      { class: 'charts' },
      lineChart(t(range === 'hour' ? 'requestsPerMinute' : 'requestsPerBucket'), labels, [
        { label: t('requests'), values: points.map((point) => point.requests), tone: 'series-1' },
      ]),
      lineChart(t('errorRate'), labels, [
        {
          label: t('errors'),
          values: points.map((point) =>
            point.requests === 0 ? null : Math.round((point.errors / point.requests) * 1000) / 10,
          ),
          tone: 'series-3',
        },
      ]),
      lineChart(t('latency'), labels, [
        { label: 'p50', values: points.map((point) => point.latency_ms_p50), tone: 'series-1' },
        { label: 'p95', values: points.map((point) => point.latency_ms_p95), tone: 'series-2' },
      ]),
    ),
  );
}

const DEPENDENCY_STATES: Record<string, TextKey> = {
  ok: 'depOk',
  degraded: 'depDegraded',
  down: 'depDown',
  'not-configured': 'depNotConfigured',
};

function dependencyState(state: string): string {
  const key = DEPENDENCY_STATES[state];
  return key ? t(key) : state;
}

function card(title: string, value: string): HTMLElement {
  return h(
    'div',
    { class: 'card' },
    h('div', { class: 'card-title' }, title),
    h('div', { class: 'card-value' }, value),
  );
}

async function usageSection(): Promise<HTMLElement> {
  const usage = await getJson<{ data: UsageRow[] }>('/admin/usage?group_by=day');
  const rows = [...usage.data].sort((a, b) => (a.day ?? '').localeCompare(b.day ?? ''));
  return h(
    'section',
    {},
    h(
      'div',
      { class: 'charts' },
      lineChart(
        t('usageWeek'),
        rows.map((row) => row.day ?? ''),
        [
          { label: t('requests'), values: rows.map((row) => row.requests), tone: 'series-1' },
          { label: t('errors'), values: rows.map((row) => row.errors), tone: 'series-3' },
        ],
      ),
    ),
    table(
      t('usageWeek'),
      [t('day'), t('requests'), t('errors'), t('tokens'), 'p50 ms', 'p95 ms'],
      rows.map((row) => [
        row.day ?? '',
        formatNumber(row.requests),
        formatNumber(row.errors),
        formatNumber(row.total_tokens),
        row.latency_ms_p50 ?? '–',
        row.latency_ms_p95 ?? '–',
      ]),
    ),
  );
}

/** Overview: backend, version, uptime, traffic charts (hour/day), dependency health, usage. */
export async function renderOverview(context: PageContext): Promise<void> {
  const { main } = context;
  const data = await getJson<Overview>('/console/api/overview');
  const chartSlot = h('div', {});
  const switchRange = (next: 'hour' | 'day'): void => {
    range = next;
    for (const button of main.querySelectorAll<HTMLButtonElement>('.range button'))
      button.setAttribute('aria-pressed', String(button.value === next));
    replace(chartSlot, charts(data.traffic[range]));
  };
  const rangeButton = (value: 'hour' | 'day', text: string): HTMLButtonElement =>
    h(
      'button',
      {
        type: 'button',
        value,
        'aria-pressed': String(range === value),
        onclick: () => switchRange(value),
      },
      text,
    );
  const uptime = h('div', { class: 'card-value' }, formatDuration(data.uptime_seconds));
  const loaded = Date.now();
  context.every(1000, () => {
    uptime.textContent = formatDuration(data.uptime_seconds + (Date.now() - loaded) / 1000);
  });
  replace(
    main,
    h('h1', {}, t('overview')),
    h(
      'div',
      { class: 'cards' },
      card(t('backend'), backendWithState(data.backend, data.backend_state)),
      card(t('version'), data.version),
      h('div', { class: 'card' }, h('div', { class: 'card-title' }, t('uptime')), uptime),
      card(t('accountsReady'), `${data.accounts.ready} / ${data.accounts.total}`),
    ),
    h(
      'div',
      { class: 'range', role: 'group', 'aria-label': t('range') },
      rangeButton('hour', t('lastHour')),
      rangeButton('day', t('lastDay')),
    ),
    chartSlot,
    table(
      t('health'),
      [t('dependency'), t('state'), t('detail')],
      data.dependencies.map((dependency) => [
        dependency.name,
        h('span', { class: `pill ${dependency.state}` }, dependencyState(dependency.state)),
        dependencyDetail(dependency),
      ]),
    ),
    context.features.keys ? await usageSection() : null,
  );
  replace(chartSlot, charts(data.traffic[range]));
}
