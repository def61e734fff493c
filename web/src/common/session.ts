/**
 * Where the page runs and who calls: in Teams, app.initialize() then the SSO token
 * (authentication.getAuthToken()); in a plain browser (local mode), the development token that
 * /tab/connexion stored in sessionStorage (docs/tab-api.md). Also the theme: the Teams context's
 * and its change handler, or outside Teams `?theme=` / the system's preference.
 */
import { app, authentication } from '@microsoft/teams-js';
import { h } from './dom';

export const TOKEN_KEY = 'passerelle.tab.token';
/** Teams answers in well under a second; a plain browser never answers at all. */
const TEAMS_TIMEOUT_MS = 4_000;
const TOP_LEVEL_TIMEOUT_MS = 600;

export type Theme = 'default' | 'dark' | 'contrast';

export interface Session {
  inTeams: boolean;
  context: app.Context | null;
  /** A fresh bearer token for /api/tab/* (Teams caches and renews its own). */
  token(): Promise<string>;
}

export function applyTheme(theme: string | undefined): void {
  const t: Theme = theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'default';
  document.documentElement.dataset.theme = t;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([
    work.catch(() => null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), ms)),
  ]);
}

async function teamsContext(): Promise<app.Context | null> {
  // Teams hosts a tab in an iframe (desktop, web) or a webview with a native bridge (mobile).
  const framed = window.parent !== window || 'nativeInterface' in window;
  const ok = await withTimeout(
    app.initialize().then(() => true),
    framed ? TEAMS_TIMEOUT_MS : TOP_LEVEL_TIMEOUT_MS,
  );
  if (!ok) return null;
  return withTimeout(app.getContext(), TEAMS_TIMEOUT_MS);
}

function browserTheme(): void {
  const asked = new URLSearchParams(location.search).get('theme');
  if (asked) return applyTheme(asked);
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const contrast = window.matchMedia('(forced-colors: active)');
  const update = () =>
    applyTheme(contrast.matches ? 'contrast' : dark.matches ? 'dark' : 'default');
  update();
  dark.addEventListener('change', update);
  contrast.addEventListener('change', update);
}

/** The development token, if any (a framed page may be refused its storage: none then). */
function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Replaces the page's content with one French sentence (no session possible). */
export function stop(message: string): never {
  const main = document.querySelector('main') ?? document.body;
  main.replaceChildren(h('h1', {}, 'Passerelle CIR'), h('p', { role: 'alert' }, message));
  throw new Error(`session: ${message}`);
}

/** Sends a plain browser to the local sign-in page, which exists only in local mode. */
async function signIn(): Promise<never> {
  const here = location.pathname + location.search + location.hash;
  const local = await fetch('/tab/connexion', { cache: 'no-store' }).then(
    (res) => res.ok,
    () => false,
  );
  if (local) {
    location.assign(`/tab/connexion?retour=${encodeURIComponent(here)}`);
    return new Promise<never>(() => undefined);
  }
  return stop('Ouvrez cet onglet dans Microsoft Teams.');
}

/** Starts the page: Teams or plain browser, theme, token. Never resolves without a session. */
export async function startSession(): Promise<Session> {
  const context = await teamsContext();
  if (context) {
    applyTheme(context.app.theme);
    app.registerOnThemeChangeHandler(applyTheme);
    void app.notifySuccess();
    return {
      inTeams: true,
      context,
      token: () => authentication.getAuthToken(),
    };
  }
  browserTheme();
  if (!storedToken()) return signIn();
  return {
    inTeams: false,
    context: null,
    token: async () => storedToken() ?? signIn(),
  };
}

/** Outside Teams, an expired or refused development token: sign in again. */
export async function signInAgain(session: Session): Promise<void> {
  if (session.inTeams) return;
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
  await signIn();
}

/** Opens a link: Teams deep links through Teams, others in a new browser tab. */
export function openLink(session: Session, url: string): void {
  if (session.inTeams) void app.openLink(url).catch(() => window.open(url, '_blank', 'noopener'));
  else window.open(url, '_blank', 'noopener');
}
