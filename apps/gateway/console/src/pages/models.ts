import { getJson } from '../api';
import { h, replace, table } from '../dom';
import { formatNumber, t } from '../i18n';
import type { ModelRow, PageContext } from '../types';

/** Models: the catalog with variants, aliases, fallbacks and the backend serving them. */
export async function renderModels(context: PageContext): Promise<void> {
  const { backend, data } = await getJson<{ backend: string; data: ModelRow[] }>(
    '/console/api/models',
  );
  replace(
    context.main,
    h('h1', {}, t('models')),
    h('p', {}, `${t('servedBy')}: `, h('strong', {}, backend)),
    table(
      t('catalog'),
      [t('model'), t('aliases'), t('fallbacks'), t('variants'), t('contextWindow'), t('servedBy')],
      data.map((model) => [
        h('div', {}, h('code', {}, model.id), h('div', { class: 'muted' }, model.display_name)),
        model.aliases.length === 0
          ? '–'
          : model.aliases.map((alias) => `${alias.alias} → ${alias.target}`).join(', '),
        model.fallbacks.length === 0 ? '–' : model.fallbacks.join(' → '),
        model.variants.length === 0
          ? '–'
          : h(
              'details',
              {},
              h('summary', {}, String(model.variants.length)),
              model.variants.join(', '),
            ),
        `${formatNumber(model.input_token_limit)} / ${formatNumber(model.output_token_limit)}`,
        model.backend,
      ]),
    ),
  );
}
