import { api, getJson } from '../api';
import { lineChart } from '../chart';
import { h, replace, table } from '../dom';
import { formatNumber, formatTime, t, type TextKey } from '../i18n';
import type { Key, PageContext, UsageRow } from '../types';

const LIMITS: ['rpm' | 'tpm' | 'daily_tokens', TextKey][] = [
  ['rpm', 'rpm'],
  ['tpm', 'tpm'],
  ['daily_tokens', 'dailyTokens'],
];

function field(id: string, label: string, value: string, type = 'text'): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name: id, type, value }),
  );
}

/** An ISO time as a `datetime-local` value (the browser's local time). */
function localInput(iso: string): string {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function value(form: HTMLFormElement, name: string): string {
  return (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
}

/** The create/edit body: empty fields mean "no limit" (null on edit). */
function limitsOf(form: HTMLFormElement, prefix: string): Record<string, unknown> {
  const models = value(form, `${prefix}models`);
  const body: Record<string, unknown> = {
    models: models
      ? models
          .split(',')
          .map((model) => model.trim())
          .filter(Boolean)
      : null,
  };
  for (const [name] of LIMITS) {
    const text = value(form, `${prefix}${name}`);
    body[name] = text ? Number(text) : null;
  }
  const expires = value(form, `${prefix}expires_at`);
  body['expires_at'] = expires ? new Date(expires).toISOString() : null;
  return body;
}

function keyForm(
  prefix: string,
  key: Key | undefined,
  submitText: string,
  onSubmit: (form: HTMLFormElement) => Promise<void>,
): HTMLFormElement {
  const form = h(
    'form',
    {
      class: 'key-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void onSubmit(form);
      },
    },
    key ? null : field(`${prefix}name`, t('name'), ''),
    field(`${prefix}models`, t('allowedModels'), key?.models?.join(', ') ?? ''),
    LIMITS.map(([name, label]) =>
      field(
        `${prefix}${name}`,
        t(label),
        key?.[name] === null || !key ? '' : String(key[name]),
        'number',
      ),
    ),
    field(
      `${prefix}expires_at`,
      t('expires'),
      key?.expires_at ? localInput(key.expires_at) : '',
      'datetime-local',
    ),
    h('button', { type: 'submit' }, submitText),
  );
  return form;
}

function usageSection(rows: UsageRow[], keys: Key[]): HTMLElement {
  const days = [...new Set(rows.map((row) => row.day ?? ''))].sort();
  const ids = [...new Set(rows.map((row) => row.key_id ?? ''))];
  const name = (id: string): string =>
    keys.find((key) => key.id === id)?.name ??
    rows.find((row) => row.key_id === id)?.key_name ??
    id;
  const totals = ids.map((id) => {
    const mine = rows.filter((row) => row.key_id === id);
    return {
      id,
      requests: mine.reduce((sum, row) => sum + row.requests, 0),
      errors: mine.reduce((sum, row) => sum + row.errors, 0),
      tokens: mine.reduce((sum, row) => sum + row.total_tokens, 0),
    };
  });
  return h(
    'section',
    {},
    h('h2', {}, t('usagePerKeyHeading')),
    h(
      'div',
      { class: 'charts' },
      lineChart(
        t('usagePerKey'),
        days,
        ids.slice(0, 4).map((id, index) => ({
          label: name(id),
          values: days.map(
            (day) => rows.find((row) => row.key_id === id && row.day === day)?.total_tokens ?? 0,
          ),
          tone: `series-${index + 1}`,
        })),
      ),
    ),
    table(
      t('usagePerKeyTable'),
      [t('key'), t('requests'), t('errors'), t('tokens')],
      totals.map((total) => [
        name(total.id),
        formatNumber(total.requests),
        formatNumber(total.errors),
        formatNumber(total.tokens),
      ]),
    ),
  );
}

/** Keys: create (the key shown once), edit limits and models, revoke, usage per key. */
export async function renderKeys(context: PageContext): Promise<void> {
  const { main } = context;
  if (!context.features.keys) {
    replace(main, h('h1', {}, t('keys')), h('p', { role: 'status' }, t('keysUnavailable')));
    return;
  }
  const shown = h('div', { role: 'status', class: 'new-key' });
  const editor = h('div', {});
  const body = h('div', {});
  const reload = async (): Promise<void> => {
    const [{ data: keys }, usage] = await Promise.all([
      getJson<{ data: Key[] }>('/admin/keys'),
      getJson<{ data: UsageRow[] }>('/admin/usage?group_by=key,day'),
    ]);
    const rows = keys.map((key) => [
      key.name,
      h('code', {}, key.prefix),
      key.revoked_at
        ? h('span', { class: 'pill disabled' }, t('revoked'))
        : h('span', { class: 'pill ready' }, t('active')),
      key.models?.join(', ') ?? t('all'),
      LIMITS.map(([name]) =>
        key[name] === null ? t('unlimited') : formatNumber(key[name] ?? 0),
      ).join(' / '),
      key.expires_at ? formatTime(key.expires_at) : t('never'),
      key.last_used_at ? formatTime(key.last_used_at) : t('never'),
      `${formatNumber(key.usage_today.requests)} / ${formatNumber(key.usage_today.tokens)}`,
      key.revoked_at
        ? ''
        : h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                'aria-label': `${t('edit')} ${key.name}`,
                onclick: () => edit(key),
              },
              t('edit'),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'danger',
                'aria-label': `${t('revoke')} ${key.name}`,
                onclick: async () => {
                  if (!confirm(t('confirmRevoke', { name: key.name }))) return;
                  await api('DELETE', `/admin/keys/${encodeURIComponent(key.id)}`);
                  await reload();
                },
              },
              t('revoke'),
            ),
          ),
    ]);
    replace(
      body,
      table(
        t('keys'),
        [
          t('name'),
          t('prefix'),
          t('state'),
          t('modelsCol'),
          `${t('rpm')} / ${t('tpm')} / ${t('dailyTokens')}`,
          t('expires'),
          t('lastUsed'),
          `${t('today')} (${t('requests')} / ${t('tokens')})`,
          t('actions'),
        ],
        rows,
      ),
      usageSection(usage.data, keys),
    );
  };
  const edit = (key: Key): void => {
    replace(
      editor,
      h('h2', {}, `${t('edit')}: ${key.name}`),
      keyForm('edit-', key, t('save'), async (form) => {
        await api('PATCH', `/admin/keys/${encodeURIComponent(key.id)}`, limitsOf(form, 'edit-'));
        replace(editor);
        await reload();
      }),
      h('button', { type: 'button', onclick: () => replace(editor) }, t('cancel')),
    );
    editor.querySelector('input')?.focus();
  };
  const create = keyForm('new-', undefined, t('create'), async (form) => {
    try {
      const created = await api<Key & { key: string }>('POST', '/admin/keys', {
        name: value(form, 'new-name'),
        ...limitsOf(form, 'new-'),
      });
      replace(
        shown,
        h('p', {}, t('keyOnce')),
        h('code', { class: 'secret', id: 'new-key-value' }, created.key),
      );
      form.reset();
      await reload();
    } catch (error) {
      replace(shown, h('p', { class: 'problem' }, (error as Error).message));
    }
  });
  await reload();
  replace(
    main,
    h('h1', {}, t('keys')),
    h('section', {}, h('h2', {}, t('createKey')), create, shown),
    editor,
    body,
  );
}
