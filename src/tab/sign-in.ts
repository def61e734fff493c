/**
 * Local mode only (issue 15 §3): `/tab/connexion` lists the directory's people; choosing one posts
 * `/api/tab/dev-session` and keeps the token in sessionStorage, then goes back to `?retour=`.
 * Outside local mode none of these routes is registered: they answer 404 like any unknown path.
 * The page's one script is a file of its own (no inline script: a strict CSP holds).
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import type { CorrespondentRecord, StructureRecord } from '../domain/model';
import { frDirectory } from '../i18n/fr-directory';
import { frTab } from '../i18n/fr-tab';
import type { Store } from '../storage/store';
import { SECURITY_HEADERS, sendError, sendJson, TabError } from './http';
import type { TabTokens } from './tokens';

export const SIGN_IN_PATH = '/tab/connexion';
export const TOKEN_KEY = 'passerelle.tab.token';

// Local mode only: the page may sit in a local Playground's frame, never in another site's.
const CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; " +
  "form-action 'none'; base-uri 'none'; " +
  "frame-ancestors 'self' http://localhost:* http://127.0.0.1:* https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft";

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The page: a radio list of people grouped by structure, and one button. */
export function signInPage(people: CorrespondentRecord[], structures: StructureRecord[]): string {
  const t = frTab.signIn;
  const byStructure = structures
    .map((s) => ({ s, people: people.filter((p) => p.active && p.structureId === s.id) }))
    .filter((g) => g.people.length);
  const groups = byStructure
    .map(
      ({ s, people: ps }) => `<fieldset>
<legend>${escapeHtml(s.name)} (${escapeHtml(frDirectory.kinds[s.kind] ?? s.kind)})</legend>
${ps
  .map(
    (
      p,
    ) => `<div class="person"><input type="radio" name="personId" id="p-${escapeHtml(p.aadObjectId)}" value="${escapeHtml(p.aadObjectId)}" required>
<label for="p-${escapeHtml(p.aadObjectId)}">${escapeHtml(p.name)} — ${escapeHtml(frDirectory.roles[p.role] ?? p.role)}</label></div>`,
  )
  .join('\n')}
</fieldset>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<link rel="stylesheet" href="${SIGN_IN_PATH}.css">
<script src="${SIGN_IN_PATH}.js" defer></script>
</head>
<body>
<main>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
<noscript><p>${escapeHtml(t.noScript)}</p></noscript>
${
  groups
    ? `<form id="connexion" data-token-key="${TOKEN_KEY}" aria-describedby="message">
<h2>${escapeHtml(t.legend)}</h2>
${groups}
<p><button type="submit">${escapeHtml(t.submit)}</button></p>
</form>`
    : `<p>${escapeHtml(t.empty)}</p>`
}
<p id="message" role="alert" aria-live="assertive"></p>
</main>
</body>
</html>`;
}

/** Posts the chosen person, keeps the token, goes back where the tab was (same origin only). */
const SCRIPT = `'use strict';
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('connexion');
  var message = document.getElementById('message');
  if (!form) return;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var chosen = form.querySelector('input[name="personId"]:checked');
    if (!chosen) return;
    fetch('/api/tab/dev-session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: chosen.value }),
    })
      .then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, body: body }; });
      })
      .then(function (r) {
        if (!r.ok) throw new Error((r.body && r.body.error && r.body.error.message) || '');
        sessionStorage.setItem(form.getAttribute('data-token-key'), r.body.token);
        var back = new URLSearchParams(location.search).get('retour') || '/tab/mes-demandes';
        // Only a path of this site: never an address elsewhere.
        if (!/^\\/(?!\\/)[^\\\\]*$/.test(back)) back = '/tab/mes-demandes';
        location.assign(back);
      })
      .catch(function (err) {
        message.textContent = err.message || 'Erreur';
      });
  });
});
`;

const STYLE = `body{font-family:"Segoe UI",system-ui,sans-serif;margin:0;padding:1rem;color:#242424;background:#fff}
main{max-width:40rem;margin:auto}fieldset{border:1px solid #d1d1d1;border-radius:4px;margin:0 0 1rem;padding:.5rem 1rem}
legend{font-weight:600}.person{padding:.25rem 0}label{margin-left:.25rem}
button{font:inherit;padding:.4rem 1.2rem;border-radius:4px;border:1px solid #5b5fc7;background:#5b5fc7;color:#fff;cursor:pointer}
button:focus-visible,input:focus-visible{outline:2px solid #242424;outline-offset:2px}#message{color:#b10e1c}`;

function sendText(res: restify.Response, type: string, body: string): void {
  res.writeHead(200, {
    'content-type': `${type}; charset=utf-8`,
    'content-security-policy': CSP,
    ...SECURITY_HEADERS,
  });
  res.end(body);
}

/** Registers the sign-in page, its script and style, and the session route: local mode only. */
export function registerSignIn(
  server: restify.Server,
  o: { store: Store; tokens: TabTokens; logger: Logger; local: boolean },
): void {
  if (!o.local) return;
  server.get(SIGN_IN_PATH, async (_req, res) => {
    try {
      const people = await o.store.directory.allCorrespondents();
      const structures = await o.store.directory.listStructures();
      sendText(res, 'text/html', signInPage(people, structures));
    } catch (err) {
      sendError(res, err, o.logger, { route: 'tab.connexion' });
    }
  });
  server.get(`${SIGN_IN_PATH}.js`, async (_req, res) => sendText(res, 'text/javascript', SCRIPT));
  server.get(`${SIGN_IN_PATH}.css`, async (_req, res) => sendText(res, 'text/css', STYLE));
  server.post('/api/tab/dev-session', async (req, res) => {
    try {
      const body = req.body as unknown;
      const personId =
        body &&
        typeof body === 'object' &&
        typeof (body as { personId?: unknown }).personId === 'string'
          ? (body as { personId: string }).personId.toLowerCase()
          : '';
      const person = personId ? await o.store.directory.getCorrespondent(personId) : undefined;
      if (!person || !person.active)
        throw new TabError(404, 'E_NOT_IN_DIRECTORY', frTab.signIn.unknown);
      const structure = await o.store.directory.getStructure(person.structureId);
      const token = await o.tokens.devToken(person.aadObjectId, structure?.tenantId ?? '');
      o.logger.info({ actor: person.aadObjectId }, 'tab: development session opened');
      sendJson(res, 200, { token });
    } catch (err) {
      sendError(res, err, o.logger, { route: 'tab.dev-session' });
    }
  });
}
