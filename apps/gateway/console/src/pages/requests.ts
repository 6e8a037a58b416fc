import { getJson } from '../api';
import { h, replace, table } from '../dom';
import { formatNumber, formatTime, t } from '../i18n';
import type { PageContext, RequestRow } from '../types';

/** Requests: the latest calls (time, key, model, status, tokens, latency), never a body. */
export async function renderRequests(context: PageContext): Promise<void> {
  const { main } = context;
  if (!context.features.keys) {
    replace(main, h('h1', {}, t('requests')), h('p', { role: 'status' }, t('requestsUnavailable')));
    return;
  }
  const { data } = await getJson<{ data: RequestRow[] }>('/admin/requests?limit=100');
  replace(
    main,
    h('h1', {}, t('requests')),
    data.length === 0
      ? h('p', {}, t('noRequests'))
      : table(
          t('recent'),
          [
            t('time'),
            t('key'),
            t('surface'),
            t('model'),
            t('status'),
            `${t('tokens')}${t('inOut')}`,
            t('latencyMs'),
          ],
          data.map((row) => [
            formatTime(row.time),
            row.key_name ?? '–',
            row.surface,
            row.served_model && row.served_model !== row.model
              ? `${row.model} → ${row.served_model}`
              : row.model,
            h(
              'span',
              { class: `pill ${row.status >= 400 ? 'ineligible' : 'ready'}` },
              String(row.status),
            ),
            `${formatNumber(row.prompt_tokens)} / ${formatNumber(row.completion_tokens)}`,
            formatNumber(Math.round(row.latency_ms)),
          ]),
        ),
  );
}
