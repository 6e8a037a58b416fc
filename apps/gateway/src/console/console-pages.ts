import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** `zh` when the browser prefers Chinese over English, else `en`. */
export function preferredLanguage(request: IncomingMessage): 'en' | 'zh' {
  const header = request.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh' : 'en';
}

const SIGN_IN_TEXT = {
  en: {
    title: 'geminicli2api console: sign in',
    heading: 'Sign in to the console',
    label: 'Admin password (GEMINI_AUTH_PASSWORD)',
    button: 'Sign in',
    wrong: 'Wrong password. Use the value of GEMINI_AUTH_PASSWORD.',
    origin: 'The sign-in came from another site and was refused.',
    throttled: 'Too many wrong passwords from this address. Try again in {seconds} s.',
  },
  zh: {
    title: 'geminicli2api 控制台：登录',
    heading: '登录控制台',
    label: '管理员密码（GEMINI_AUTH_PASSWORD）',
    button: '登录',
    wrong: '密码错误。请使用 GEMINI_AUTH_PASSWORD 的值。',
    origin: '登录请求来自其他网站，已被拒绝。',
    throttled: '此地址输错密码的次数过多。请在 {seconds} 秒后再试。',
  },
};

const SIGN_IN_STYLE = `
:root{color-scheme:light dark;--bg:#f6f7f9;--fg:#16181d;--card:#fff;--line:#c9ced6;--accent:#1a56db;--bad:#b42318}
@media (prefers-color-scheme:dark){:root{--bg:#111318;--fg:#e7e9ee;--card:#1b1e25;--line:#3a404c;--accent:#7aa2ff;--bad:#ff8a80}}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,sans-serif}
main{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:2rem;width:min(24rem,90vw)}
h1{font-size:1.3rem;margin:0 0 1rem}label{display:block;margin-bottom:.4rem}
input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--fg);font:inherit}
button{margin-top:1rem;width:100%;padding:.6rem;border:0;border-radius:8px;background:var(--accent);color:#fff;font:inherit;cursor:pointer}
@media (prefers-color-scheme:dark){button{color:#111318}}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
p[role=alert]{color:var(--bad)}`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Why the sign-in page is shown again. */
export type SignInProblem = 'wrong' | 'origin' | 'throttled';

/**
 * The sign-in page (no script), with a per-response style nonce; `problem` shows an error
 * (`throttled` says in how many seconds, `waitSeconds`, as its Retry-After does).
 */
export function signInPage(
  language: 'en' | 'zh',
  problem?: SignInProblem,
  waitSeconds = 0,
): { html: string; nonce: string } {
  const text = SIGN_IN_TEXT[language];
  const alert = problem ? text[problem].replace('{seconds}', String(waitSeconds)) : '';
  const nonce = randomBytes(12).toString('base64');
  const html = `<!doctype html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(text.title)}</title><style nonce="${nonce}">${SIGN_IN_STYLE}</style></head>
<body><main><h1>${escapeHtml(text.heading)}</h1>
<form method="post" action="/console/sign-in">
<label for="password">${escapeHtml(text.label)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
${problem ? `<p role="alert">${escapeHtml(alert)}</p>` : ''}
<button type="submit">${escapeHtml(text.button)}</button>
</form></main></body></html>`;
  return { html, nonce };
}

/** The app shell: the bundle reads the CSRF token and the language from its meta tags. */
export function shellPage(language: 'en' | 'zh', csrf: string, version: string): string {
  return `<!doctype html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<meta name="csrf-token" content="${escapeHtml(csrf)}">
<meta name="gateway-version" content="${escapeHtml(version)}">
<title>geminicli2api console</title>
<link rel="stylesheet" href="/console/assets/console.css">
<script defer src="/console/assets/console.js"></script></head>
<body><noscript>The console needs JavaScript. 控制台需要 JavaScript。</noscript><div id="app"></div></body></html>`;
}

/** Headers of every console page: no framing, no sniffing, no caching, scripts only from here. */
export function securityHeaders(styleNonce?: string): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self'${styleNonce ? ` 'nonce-${styleNonce}'` : ''}; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}
