/**
 * The team tab's configuration page: choose one of the caller's partnerships; Teams saves the
 * tab with that partnership's contentUrl (pages.config).
 */
import { pages } from '@microsoft/teams-js';
import { boot } from '../common/boot';
import { h } from '../common/dom';
import { header } from '../common/layout';

async function main(): Promise<void> {
  const { session, me, main } = await boot('Configurer l’onglet Partenariat');
  const status = h('p', { role: 'status', class: 'muted' });
  const choices = me.partnerships;
  let chosen = choices.length === 1 ? choices[0] : null;
  const select = h(
    'select',
    { id: 'partenariat', name: 'partenariat' },
    h('option', { value: '' }, '— Choisir —'),
    choices.map((p) => h('option', { value: p.id, selected: p === chosen }, p.name)),
  );
  const contentUrl = (id: string) =>
    `${location.origin}/tab/partenariat?partenariat=${encodeURIComponent(id)}`;
  const update = () => {
    chosen = choices.find((p) => p.id === select.value) ?? null;
    if (session.inTeams) pages.config.setValidityState(chosen !== null);
    if (!chosen) return status.replaceChildren();
    status.textContent = `L'onglet affichera « ${chosen.name} ». `;
    // Teams shows its own Save button; a plain browser (local mode) can open the tab directly.
    status.append(
      session.inTeams
        ? 'Enregistrez pour l’ajouter.'
        : h('a', { href: contentUrl(chosen.id) }, 'Ouvrir l’onglet'),
    );
  };
  select.addEventListener('change', update);
  if (session.inTeams) {
    pages.config.registerOnSaveHandler((event) => {
      if (!chosen) return event.notifyFailure('Choisissez un partenariat.');
      const url = contentUrl(chosen.id);
      pages.config
        .setConfig({
          contentUrl: url,
          websiteUrl: url,
          entityId: `partenariat-${chosen.id}`,
          suggestedDisplayName: chosen.name,
        })
        .then(() => event.notifySuccess())
        .catch(() => event.notifyFailure("L'onglet n'a pas pu être enregistré."));
    });
  }
  main.append(
    header('Configurer l’onglet Partenariat', me, false),
    choices.length
      ? h(
          'form',
          { class: 'card', onsubmit: (e: Event) => e.preventDefault() },
          h(
            'div',
            { class: 'field' },
            h('label', { for: 'partenariat' }, 'Partenariat affiché dans ce canal'),
            select,
          ),
          status,
        )
      : h(
          'p',
          { role: 'alert' },
          "Vous n'êtes membre d'aucun partenariat : l'onglet ne peut pas être configuré.",
        ),
  );
  update();
}

void main().catch((err: unknown) => console.error(err));
