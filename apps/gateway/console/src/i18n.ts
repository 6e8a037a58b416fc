const en = {
  skip: 'Skip to content',
  nav: 'Console sections',
  overview: 'Overview',
  accounts: 'Accounts',
  keys: 'Keys',
  models: 'Models',
  requests: 'Requests',
  language: 'Language',
  signOut: 'Sign out',
  loading: 'Loading…',
  failed: 'Could not load: {message}',
  backend: 'Backend',
  version: 'Version',
  uptime: 'Uptime',
  accountsReady: 'Accounts ready',
  lastHour: 'Last hour',
  lastDay: 'Last 24 hours',
  range: 'Time range',
  requestsPerMinute: 'Requests per minute',
  requestsPerBucket: 'Requests per 30 minutes',
  errorRate: 'Error rate (%)',
  latency: 'Latency p50 / p95 (ms)',
  noTraffic: 'No requests yet in this period.',
  health: 'Dependencies',
  dependency: 'Dependency',
  state: 'State',
  detail: 'Detail',
  usageWeek: 'Usage of the last 7 days (usage ledger)',
  day: 'Day',
  tokens: 'Tokens',
  errors: 'Errors',
  account: 'Account',
  kind: 'Kind',
  tier: 'Tier',
  project: 'Project',
  quota: 'Quota per model',
  cooldowns: 'Cooldowns',
  problems: 'Recent problems',
  actions: 'Actions',
  disable: 'Disable',
  enable: 'Enable',
  disabled: 'disabled',
  coolingDown: 'cooling down',
  none: 'none',
  resetsAt: 'resets {time}',
  freeIn: '{model}: free again in {time}',
  quotaLeft: '{model}: {percent}% left',
  noAccounts: 'No Code Assist account or API key is configured.',
  addAccount: 'Add a Code Assist account',
  addAccountHelp:
    'Open Google’s consent page, sign in, then paste the code Google shows here. The gateway saves the credentials like npm run login and serves with the new account at once.',
  startLogin: 'Open Google’s consent page',
  consentLink: 'Google consent page for the new account',
  code: 'Authorization code',
  saveAccount: 'Save the account',
  saved: 'Saved as {file}. Restart the gateway to use it.',
  added: 'Saved as {file}; the gateway serves with it now.',
  stateReady: 'ready',
  stateIneligible: 'not eligible',
  stateRelogin: 'sign-in expired or revoked',
  stateFailing: 'failing (retrying)',
  rateLimited: 'rate-limited {count}×',
  forbiddenCount: 'refused by Google {count}×',
  failuresCount: 'transient failures {count}×',
  name: 'Name',
  prefix: 'Prefix',
  allowedModels: 'Allowed models (globs, comma-separated; empty: all)',
  modelsCol: 'Models',
  rpm: 'Requests per minute',
  tpm: 'Tokens per minute',
  dailyTokens: 'Tokens per day',
  expires: 'Expires',
  lastUsed: 'Last used',
  today: 'Today',
  createKey: 'Create a key',
  create: 'Create',
  keyOnce: 'The new key, shown once. Copy it now:',
  edit: 'Edit',
  save: 'Save',
  cancel: 'Cancel',
  revoke: 'Revoke',
  revoked: 'revoked',
  active: 'active',
  depOk: 'ok',
  depDegraded: 'degraded',
  depDown: 'down',
  depNotConfigured: 'not used',
  confirmRevoke: 'Revoke the key “{name}”? Clients using it stop working at once.',
  usagePerKey: 'Tokens per key and day (last 7 days)',
  usagePerKeyHeading: 'Usage per key',
  usagePerKeyTable: 'Usage per key (last 7 days)',
  keysUnavailable: 'Client keys are not available on this gateway.',
  all: 'all',
  unlimited: 'unlimited',
  never: 'never',
  catalog: 'Model catalog',
  servedBy: 'Served by',
  model: 'Model',
  aliases: 'Aliases',
  fallbacks: 'Fallbacks',
  variants: 'Variants',
  contextWindow: 'Input / output tokens',
  recent: 'Most recent requests',
  time: 'Time',
  key: 'Key',
  status: 'Status',
  surface: 'Surface',
  latencyMs: 'Latency (ms)',
  inOut: ' (in / out)',
  noRequests: 'No requests recorded yet.',
  requestsUnavailable: 'The request log is not available on this gateway.',
  refresh: 'Refresh',
  h: 'h',
  m: 'min',
  s: 's',
};

type Dictionary = typeof en;

const zh: Dictionary = {
  skip: '跳到主要内容',
  nav: '控制台栏目',
  overview: '概览',
  accounts: '账号',
  keys: '密钥',
  models: '模型',
  requests: '请求',
  language: '语言',
  signOut: '退出登录',
  loading: '加载中…',
  failed: '无法加载：{message}',
  backend: '后端',
  version: '版本',
  uptime: '运行时间',
  accountsReady: '可用账号',
  lastHour: '最近一小时',
  lastDay: '最近 24 小时',
  range: '时间范围',
  requestsPerMinute: '每分钟请求数',
  requestsPerBucket: '每 30 分钟请求数',
  errorRate: '错误率（%）',
  latency: '延迟 p50 / p95（毫秒）',
  noTraffic: '这段时间还没有请求。',
  health: '依赖服务',
  dependency: '依赖',
  state: '状态',
  detail: '说明',
  usageWeek: '最近 7 天用量（用量账本）',
  day: '日期',
  tokens: 'Token 数',
  errors: '错误',
  account: '账号',
  kind: '类型',
  tier: '等级',
  project: '项目',
  quota: '各模型配额',
  cooldowns: '冷却',
  problems: '最近的问题',
  actions: '操作',
  disable: '停用',
  enable: '启用',
  disabled: '已停用',
  coolingDown: '冷却中',
  none: '无',
  resetsAt: '{time} 重置',
  freeIn: '{model}：{time} 后恢复',
  quotaLeft: '{model}：剩余 {percent}%',
  noAccounts: '没有配置 Code Assist 账号或 API 密钥。',
  addAccount: '添加 Code Assist 账号',
  addAccountHelp:
    '打开 Google 授权页面并登录，然后把 Google 显示的授权码粘贴到这里。网关会像 npm run login 一样保存凭据，并立即开始使用新账号。',
  startLogin: '打开 Google 授权页面',
  consentLink: '新账号的 Google 授权页面',
  code: '授权码',
  saveAccount: '保存账号',
  saved: '已保存为 {file}。重启网关后生效。',
  added: '已保存为 {file}，网关已开始使用该账号。',
  stateReady: '可用',
  stateIneligible: '不符合使用条件',
  stateRelogin: '登录已过期或被撤销',
  stateFailing: '暂时失败（重试中）',
  rateLimited: '被限流 {count} 次',
  forbiddenCount: '被 Google 拒绝 {count} 次',
  failuresCount: '临时失败 {count} 次',
  name: '名称',
  prefix: '前缀',
  allowedModels: '允许的模型（通配符，逗号分隔；留空表示全部）',
  modelsCol: '模型',
  rpm: '每分钟请求数',
  tpm: '每分钟 Token 数',
  dailyTokens: '每日 Token 数',
  expires: '过期时间',
  lastUsed: '最近使用',
  today: '今日',
  createKey: '创建密钥',
  create: '创建',
  keyOnce: '新密钥只显示这一次，请立即复制：',
  edit: '编辑',
  save: '保存',
  cancel: '取消',
  revoke: '吊销',
  revoked: '已吊销',
  active: '有效',
  depOk: '正常',
  depDegraded: '降级',
  depDown: '不可用',
  depNotConfigured: '未使用',
  confirmRevoke: '吊销密钥“{name}”？使用它的客户端会立即失效。',
  usagePerKey: '每个密钥每天的 Token 用量（最近 7 天）',
  usagePerKeyHeading: '每个密钥的用量',
  usagePerKeyTable: '每个密钥的用量（最近 7 天）',
  keysUnavailable: '此网关不支持客户端密钥。',
  all: '全部',
  unlimited: '不限',
  never: '从未',
  catalog: '模型目录',
  servedBy: '由谁提供',
  model: '模型',
  aliases: '别名',
  fallbacks: '备用模型',
  variants: '变体',
  contextWindow: '输入 / 输出 Token 上限',
  recent: '最近的请求',
  time: '时间',
  key: '密钥',
  status: '状态码',
  surface: '接口',
  latencyMs: '延迟（毫秒）',
  inOut: '（输入 / 输出）',
  noRequests: '还没有记录到请求。',
  requestsUnavailable: '此网关不提供请求记录。',
  refresh: '刷新',
  h: '小时',
  m: '分',
  s: '秒',
};

export type TextKey = keyof Dictionary;
export type Language = 'en' | 'zh';

const STORAGE = 'g2a-console-language';

function initial(): Language {
  const stored = localStorage.getItem(STORAGE);
  if (stored === 'en' || stored === 'zh') return stored;
  return document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
}

let current: Language = initial();

export const language = (): Language => current;

/** Switches the language (remembered in this browser). */
export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

/** The text for `key` in the current language, `{name}` placeholders filled. */
export function t(key: TextKey, values: Record<string, string | number> = {}): string {
  const text = (current === 'zh' ? zh : en)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** A date/time in the current language. */
export function formatTime(iso: string | number): string {
  return new Date(iso).toLocaleString(current === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
}

/** A number with grouping in the current language. */
export function formatNumber(value: number): string {
  return value.toLocaleString(current === 'zh' ? 'zh-CN' : 'en-US');
}

/** A duration such as `1h 05min` or `42s`. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  if (hours > 0) return `${hours}${t('h')} ${String(minutes).padStart(2, '0')}${t('m')}`;
  if (minutes > 0) return `${minutes}${t('m')} ${String(whole % 60).padStart(2, '0')}${t('s')}`;
  return `${whole}${t('s')}`;
}
