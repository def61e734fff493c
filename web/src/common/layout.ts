/** The header every page shares: title, who is signed in, and the personal tab's two views. */
import { h } from './dom';
import type { Me } from './types';

const PERSONAL_VIEWS = [
  { path: '/tab/mes-demandes', label: 'Mes demandes' },
  { path: '/tab/annuaire', label: 'Annuaire' },
];

export function header(title: string, me: Me | null, withNav: boolean): HTMLElement {
  const who = me ? `${me.person.name} — ${me.person.structure.name}` : '';
  return h(
    'header',
    {},
    h('div', { class: 'header' }, h('h1', {}, title), who ? h('p', { class: 'who' }, who) : null),
    withNav
      ? h(
          'nav',
          { 'aria-label': 'Onglets personnels' },
          h(
            'ul',
            { class: 'nav' },
            PERSONAL_VIEWS.map((v) =>
              h(
                'li',
                {},
                h(
                  'a',
                  {
                    href: v.path,
                    'aria-current': location.pathname === v.path ? 'page' : null,
                  },
                  v.label,
                ),
              ),
            ),
          ),
        )
      : null,
  );
}

/** The page's root: <main>, emptied, with the polite live region. */
export function mainElement(): HTMLElement {
  const main = document.querySelector('main') ?? document.body.appendChild(h('main'));
  main.replaceChildren();
  if (!document.getElementById('annonce'))
    document.body.append(
      h('div', { id: 'annonce', class: 'visually-hidden', 'aria-live': 'polite' }),
    );
  return main;
}
