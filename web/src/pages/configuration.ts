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
  const update = () => {
    chosen = choices.find((p) => p.id === select.value) ?? null;
    if (session.inTeams) pages.config.setValidityState(chosen !== null);
    status.textContent = chosen
      ? `L'onglet affichera « ${chosen.name} ». Enregistrez pour l'ajouter.`
      : '';
  };
  select.addEventListener('change', update);
  if (session.inTeams) {
    pages.config.registerOnSaveHandler((event) => {
      if (!chosen) return event.notifyFailure('Choisissez un partenariat.');
      const url = `${location.origin}/tab/partenariat?partenariat=${encodeURIComponent(chosen.id)}`;
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
