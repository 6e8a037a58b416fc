import './console.css';
import { api, getJson } from './api';
import { h, replace } from './dom';
import { language, setLanguage, t, type TextKey } from './i18n';
import { renderAccounts } from './pages/accounts';
import { renderKeys } from './pages/keys';
import { renderModels } from './pages/models';
import { renderOverview } from './pages/overview';
import { renderRequests } from './pages/requests';
import type { PageContext } from './types';

type Render = (context: PageContext) => Promise<void>;

const OVERVIEW: [string, TextKey, Render] = ['overview', 'overview', renderOverview];
const PAGES: [string, TextKey, Render][] = [
  OVERVIEW,
  ['accounts', 'accounts', renderAccounts],
  ['keys', 'keys', renderKeys],
  ['models', 'models', renderModels],
  ['requests', 'requests', renderRequests],
];

let timers: number[] = [];
let features = { keys: false };

function currentPage(): string {
  const name = location.pathname.replace(/^\/console\/?/, '').replace(/\/$/, '');
  return PAGES.some(([page]) => page === name) ? name : 'overview';
}

async function signOut(): Promise<void> {
  await api('POST', '/console/sign-out').catch(() => undefined);
  location.assign('/console/sign-in');
}

function layout(page: string): HTMLElement {
  const main = h('main', { id: 'main', tabindex: -1 });
  const languages = h(
    'select',
    {
      id: 'language',
      onchange: (event: Event) => {
        setLanguage((event.target as HTMLSelectElement).value === 'zh' ? 'zh' : 'en');
        void render();
      },
    },
    h('option', { value: 'en', selected: language() === 'en' }, 'English'),
    h('option', { value: 'zh', selected: language() === 'zh' }, '中文'),
  );
  const header = h(
    'header',
    {},
    h('a', { class: 'skip', href: '#main' }, t('skip')),
    h('span', { class: 'brand' }, 'geminicli2api'),
    h(
      'nav',
      { 'aria-label': t('nav') },
      PAGES.map(([name, label]) =>
        h(
          'a',
          {
            href: `/console/${name}`,
            'aria-current': name === page ? 'page' : undefined,
            onclick: (event: Event) => {
              const mouse = event as MouseEvent;
              if (mouse.ctrlKey || mouse.metaKey || mouse.shiftKey) return;
              event.preventDefault();
              history.pushState(null, '', `/console/${name}`);
              void render(true);
            },
          },
          t(label),
        ),
      ),
    ),
    h('label', { class: 'language', for: 'language' }, t('language')),
    languages,
    h('button', { type: 'button', onclick: () => void signOut() }, t('signOut')),
  );
  replace(document.getElementById('app') ?? document.body, header, main);
  return main;
}

async function render(focus = false): Promise<void> {
  for (const timer of timers) clearInterval(timer);
  timers = [];
  const page = currentPage();
  const [, label, draw] = PAGES.find(([name]) => name === page) ?? OVERVIEW;
  document.title = `${t(label)} · geminicli2api`;
  const main = layout(page);
  replace(main, h('h1', {}, t(label)), h('p', { class: 'muted' }, t('loading')));
  if (focus) main.focus();
  const context: PageContext = {
    main,
    features,
    every(ms, run) {
      timers.push(window.setInterval(run, ms));
    },
  };
  try {
    await draw(context);
  } catch (error) {
    replace(
      main,
      h('h1', {}, t(label)),
      h(
        'p',
        { role: 'alert', class: 'problem' },
        t('failed', { message: (error as Error).message }),
      ),
    );
  }
}

async function start(): Promise<void> {
  setLanguage(language());
  features = await getJson<{ keys: boolean }>('/console/api/features').catch(() => features);
  window.addEventListener('popstate', () => void render(true));
  await render();
}

void start();
