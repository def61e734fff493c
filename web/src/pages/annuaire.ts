/** The personal tab *Annuaire*: search the partnership's directory, with contact links. */
import { apiGet, messageOf } from '../common/api';
import { boot } from '../common/boot';
import { announce, fill, h } from '../common/dom';
import { header } from '../common/layout';
import { openLink, type Session } from '../common/session';
import type { Contact } from '../common/types';

function contactCard(session: Session, c: Contact): HTMLElement {
  const links: HTMLElement[] = [];
  if (c.chatUrl) {
    const url = c.chatUrl;
    links.push(
      h(
        'a',
        {
          href: url,
          target: '_blank',
          rel: 'noopener',
          onclick: (e: Event) => {
            e.preventDefault();
            openLink(session, url);
          },
        },
        'Discuter dans Teams',
        h('span', { class: 'visually-hidden' }, ` avec ${c.name}`),
      ),
    );
  }
  if (c.email)
    links.push(
      h(
        'a',
        { href: `mailto:${c.email}` },
        h('span', { class: 'visually-hidden' }, 'E-mail : '),
        c.email,
      ),
    );
  if (c.phone)
    links.push(
      h(
        'a',
        { href: `tel:${c.phone.replace(/[^+\d]/g, '')}` },
        h('span', { class: 'visually-hidden' }, 'Téléphone : '),
        c.phone,
      ),
    );
  return h(
    'li',
    {},
    h(
      'article',
      { class: 'card', 'aria-label': c.name },
      h('h2', {}, c.name),
      h('p', {}, c.role),
      h('p', { class: 'muted' }, c.structure),
      links.length ? h('div', { class: 'contact-links' }, links) : null,
    ),
  );
}

async function main(): Promise<void> {
  const { session, me, main } = await boot('Annuaire');
  const input = h('input', { type: 'search', id: 'recherche', name: 'q', autocomplete: 'off' });
  const results = h('div', {});
  const error = h('div', { class: 'alert', role: 'alert' });
  const summary = h('p', { class: 'muted' });
  let seq = 0;
  const search = async () => {
    const mine = ++seq;
    try {
      const q = input.value.trim();
      const answer = await apiGet<{ items: Contact[] }>(
        session,
        `/api/tab/annuaire?q=${encodeURIComponent(q)}`,
      );
      if (mine !== seq) return;
      error.textContent = '';
      const n = answer.items.length;
      summary.textContent =
        n === 0 ? 'Personne ne correspond.' : n === 1 ? '1 contact' : `${n} contacts`;
      announce(summary.textContent);
      fill(
        results,
        n
          ? h(
              'ul',
              { class: 'people' },
              answer.items.map((c) => contactCard(session, c)),
            )
          : null,
      );
    } catch (err) {
      if (mine === seq) error.textContent = messageOf(err);
    }
  };
  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(), 300);
  });
  const form = h(
    'form',
    { class: 'card', role: 'search', 'aria-label': "Chercher dans l'annuaire" },
    h(
      'div',
      { class: 'filters' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'recherche' }, 'Nom, structure ou ville'),
        input,
      ),
      h(
        'div',
        { class: 'actions-row' },
        h('button', { type: 'submit', class: 'primary' }, 'Rechercher'),
      ),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void search();
  });
  main.append(header('Annuaire', me, !session.inTeams), form, summary, error, results);
  await search();
}

void main().catch((err: unknown) => console.error(err));
