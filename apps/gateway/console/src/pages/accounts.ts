import { api, getJson } from '../api';
import { bar } from '../chart';
import { h, replace } from '../dom';
import { accountProblem } from '../gateway-text';
import { formatDuration, formatTime, t, type TextKey } from '../i18n';
import type { Account, PageContext } from '../types';

const STATE_TEXT: Record<Account['state'], TextKey> = {
  ready: 'stateReady',
  ineligible: 'stateIneligible',
  'relogin-required': 'stateRelogin',
  failing: 'stateFailing',
};

function problems(account: Account): string[] {
  const list: string[] = [];
  if (account.problem) list.push(accountProblem(account));
  const { rate_limited: limited, forbidden, failures } = account.counters;
  if (limited > 0) list.push(t('rateLimited', { count: limited }));
  if (forbidden > 0) list.push(t('forbiddenCount', { count: forbidden }));
  if (failures > 0) list.push(t('failuresCount', { count: failures }));
  return list;
}

function countdown(cooldown: Account['cooldowns'][number]): HTMLElement {
  const until = Date.parse(cooldown.until);
  const item = h('li', { class: 'countdown', 'data-until': until, 'data-model': cooldown.model });
  item.textContent = t('freeIn', {
    model: cooldown.model,
    time: formatDuration((until - Date.now()) / 1000),
  });
  return item;
}

function accountCard(account: Account, reload: () => Promise<void>): HTMLElement {
  const stateClass = account.disabled ? 'disabled' : account.state;
  const toggle = h(
    'button',
    {
      type: 'button',
      'aria-label': `${t(account.disabled ? 'enable' : 'disable')} ${account.label}`,
      onclick: async () => {
        toggle.disabled = true;
        await api(
          'POST',
          `/admin/accounts/${account.id}/${account.disabled ? 'enable' : 'disable'}`,
        );
        await reload();
      },
    },
    t(account.disabled ? 'enable' : 'disable'),
  );
  const found = problems(account);
  return h(
    'article',
    { class: 'account', 'aria-labelledby': `account-${account.id}` },
    h(
      'header',
      {},
      h('h2', { id: `account-${account.id}` }, account.label),
      h(
        'span',
        { class: `pill ${stateClass}` },
        account.disabled ? t('disabled') : t(STATE_TEXT[account.state]),
      ),
      account.cooldowns.length > 0 && h('span', { class: 'pill failing' }, t('coolingDown')),
      toggle,
    ),
    h(
      'dl',
      {},
      h('dt', {}, t('kind')),
      h('dd', {}, account.kind),
      h('dt', {}, 'ID'),
      h('dd', {}, h('code', {}, account.id)),
      account.kind === 'code-assist' && [
        h('dt', {}, t('tier')),
        h('dd', {}, account.tier ?? '–'),
        h('dt', {}, t('project')),
        h('dd', {}, account.project ?? '–'),
      ],
    ),
    account.quota &&
      h(
        'section',
        {},
        h('h3', {}, t('quota')),
        h(
          'ul',
          { class: 'quota' },
          account.quota.buckets.map((bucket) => {
            const percent = Math.round(bucket.remaining_fraction * 100);
            const text = t('quotaLeft', { model: bucket.model, percent });
            return h(
              'li',
              {},
              h('span', {}, text),
              bar(text, bucket.remaining_fraction),
              bucket.reset_time &&
                h(
                  'span',
                  { class: 'muted' },
                  t('resetsAt', { time: formatTime(bucket.reset_time) }),
                ),
            );
          }),
        ),
      ),
    h('h3', {}, t('cooldowns')),
    account.cooldowns.length === 0
      ? h('p', { class: 'muted' }, t('none'))
      : h('ul', { class: 'cooldowns' }, account.cooldowns.map(countdown)),
    h('h3', {}, t('problems')),
    found.length === 0
      ? h('p', { class: 'muted' }, t('none'))
      : h(
          'ul',
          { class: 'problems' },
          found.map((text) => h('li', {}, text)),
        ),
  );
}

function addAccount(onAdded: () => Promise<void>): HTMLElement {
  const slot = h('div', {});
  const start = h(
    'button',
    {
      type: 'button',
      id: 'start-login',
      onclick: async () => {
        start.disabled = true;
        const login = await api<{ login_id: string; auth_url: string }>(
          'POST',
          '/console/api/accounts/login',
        );
        const code = h('input', {
          id: 'login-code',
          name: 'code',
          autocomplete: 'off',
          required: true,
        });
        const result = h('p', { role: 'status' });
        replace(
          slot,
          h(
            'p',
            {},
            h(
              'a',
              {
                href: login.auth_url,
                target: '_blank',
                rel: 'noopener noreferrer',
                id: 'consent-link',
              },
              t('consentLink'),
            ),
          ),
          h(
            'form',
            {
              onsubmit: async (event: Event) => {
                event.preventDefault();
                try {
                  const saved = await api<{ saved_as: string; added: boolean }>(
                    'POST',
                    `/console/api/accounts/login/${login.login_id}/complete`,
                    { code: code.value },
                  );
                  result.textContent = t(saved.added ? 'added' : 'saved', {
                    file: saved.saved_as,
                  });
                  if (saved.added) await onAdded();
                } catch (error) {
                  result.textContent = (error as Error).message;
                }
              },
            },
            h('label', { for: 'login-code' }, t('code')),
            code,
            h('button', { type: 'submit' }, t('saveAccount')),
          ),
          result,
        );
      },
    },
    t('startLogin'),
  );
  return h(
    'section',
    { class: 'add-account' },
    h('h2', {}, t('addAccount')),
    h('p', {}, t('addAccountHelp')),
    start,
    slot,
  );
}

/** Accounts: every Code Assist account and API key with state, quota, cooldowns, problems. */
export async function renderAccounts(context: PageContext): Promise<void> {
  const { main } = context;
  const list = h('div', { class: 'accounts' });
  const reload = async (): Promise<void> => {
    const { data } = await getJson<{ data: Account[] }>('/admin/accounts');
    replace(
      list,
      data.length === 0
        ? h('p', {}, t('noAccounts'))
        : data.map((account) => accountCard(account, reload)),
    );
  };
  await reload();
  replace(main, h('h1', {}, t('accounts')), list, addAccount(reload));
  context.every(1000, () => {
    for (const item of main.querySelectorAll<HTMLElement>('.countdown')) {
      const left = (Number(item.dataset['until']) - Date.now()) / 1000;
      item.textContent = t('freeIn', {
        model: item.dataset['model'] ?? '',
        time: formatDuration(left),
      });
    }
  });
}
