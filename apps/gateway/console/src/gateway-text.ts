import { language } from './i18n';
import type { Account, DependencyHealth, DependencyReason } from './types';

/**
 * What the gateway reports in words (a dependency's health, the backend's state), in the
 * console's language: the server sends a reason code with its values, the texts live here.
 */
const REASONS: Record<'en' | 'zh', Record<DependencyReason, string>> = {
  en: {
    'google-no-credentials': 'No Google credentials are configured.',
    'google-none-usable': 'No account or API key can be used right now.',
    'google-cooling-down':
      '{cooling} of {usable} usable accounts are cooling down for some models.',
    'google-failing': '{errors} of {requests} recent requests failed.',
    'google-ready': '{backend} backend ready.',
    'database-refuses-writes': '{database} refuses usage writes; {pending} events wait in memory.',
    'database-not-used': 'This gateway keeps no database.',
    'redis-not-used': 'This gateway uses no Redis.',
  },
  zh: {
    'google-no-credentials': '未配置 Google 凭据。',
    'google-none-usable': '目前没有可用的账号或 API 密钥。',
    'google-cooling-down': '{usable} 个可用账号中有 {cooling} 个正在为部分模型冷却。',
    'google-failing': '最近 {requests} 个请求中有 {errors} 个失败。',
    'google-ready': '{backend} 后端就绪。',
    'database-refuses-writes': '{database} 拒绝写入用量；{pending} 条记录在内存中等待。',
    'database-not-used': '此网关不使用数据库。',
    'redis-not-used': '此网关未使用 Redis。',
  },
};

const BACKEND_STATES: Record<'en' | 'zh', Record<string, string>> = {
  en: { ready: 'ready', 'no-credentials': 'no credentials' },
  zh: { ready: '就绪', 'no-credentials': '无凭据' },
};

/** A dependency's detail in the console's language (the server's English when it gave no reason). */
export function dependencyDetail(dependency: DependencyHealth): string {
  const { reason } = dependency;
  const text = reason ? REASONS[language()][reason.code] : undefined;
  if (!reason || text === undefined) return dependency.detail;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(reason.values[name] ?? ''));
}

/** `backend (state)`, the state in the console's language. */
export function backendWithState(backend: string, state: string): string {
  const word = BACKEND_STATES[language()][state] ?? state;
  return language() === 'zh' ? `${backend}（${word}）` : `${backend} (${word})`;
}

/**
 * Chinese for an account's problem the gateway reports in English, by the account's state (the
 * gateway's own words, with Google's after them); other problems and English stay as they are.
 */
const ACCOUNT_PROBLEMS: Partial<Record<Account['state'], string>> = {
  'relogin-required': '登录已过期或被撤销：请用 npm run login 重新登录，并替换 {label}。',
  ineligible: 'Google 不允许此账号使用 Code Assist（{reason}）。',
};

/** An account's problem in the console's language. */
export function accountProblem(account: Account): string {
  const problem = account.problem ?? '';
  const text = language() === 'zh' ? ACCOUNT_PROBLEMS[account.state] : undefined;
  if (text === undefined) return problem;
  const values: Record<string, string> = {
    label: account.label,
    reason: account.eligibility?.reason ?? '-',
  };
  return `${text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '')}（原文：${problem}）`;
}
