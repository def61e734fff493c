/**
 * Card rendering: JSON templates from cards/, parsed by adaptivecards-templating, expanded by
 * card-expander.ts.
 */
import type * as ACData from 'adaptivecards-templating';
import { deepStrictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attachment } from 'botbuilder';
import { expandTemplate } from './expander';
import { templating } from './templating';

// Same relative place from src/teams/cards (tsx) and dist/teams/cards (built).
export const CARDS_DIR = join(__dirname, '..', '..', '..', 'cards');

export type CardName =
  | 'demande-formulaire'
  | 'demande-neutre'
  | 'demande-detail'
  | 'aide'
  | 'message'
  | 'comite-liste'
  | 'comite-formulaire'
  | 'comite-annonce'
  | 'comite-annuler'
  | 'bilan'
  | 'annuaire-resultats'
  | 'annuaire-personne'
  | 'annuaire-structure'
  | 'annuaire-partenariat'
  | 'annuaire-admin'
  | 'annuaire-liste'
  | 'tableau-etat'
  | 'tableau-motdepasse'
  | 'tableau-import-motdepasse'
  | 'suivi-liste'
  | 'compte-rendu'
  | 'compte-rendu-formulaire'
  | 'compte-rendu-liste'
  | 'chiffres'
  | 'chiffres-formulaire'
  | 'offres-liste'
  | 'offres-fiche'
  | 'offres-formulaire'
  | 'partenariat-fiche'
  | 'partenariat-formulaire'
  | 'partenariat-rappel'
  | 'liaison-formulaire'
  | 'liaison-neutre'
  | 'liaison-detail'
  | 'demande-correction'
  | 'demande-annulation'
  | 'demande-mise-a-jour'
  | 'demande-historique'
  | 'journal';
export type Card = Record<string, unknown>;

const templates = new Map<string, ACData.Template>();
/** Every card this process rendered from a template: nothing else may reach a user. */
const rendered = new WeakSet<object>();

/** True for a card built by renderCard (a view), false for anything a handler made up. */
export function isRenderedCard(value: unknown): value is Card {
  return typeof value === 'object' && value !== null && rendered.has(value);
}

/** Expands the template `name` with `data`; every key the template reads must be present. */
export function renderCard(name: CardName, data: object): Card {
  let template = templates.get(name);
  if (!template) {
    template = new (templating().Template)(
      JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')),
    );
    templates.set(name, template);
  }
  const card = expandTemplate(template, data) as Card;
  if (process.env.CARD_EXPANDER_CHECK === '1') checkAgainstLibrary(name, template, data, card);
  rendered.add(card);
  return card;
}

/** Tests: the fast expansion must equal the library's, card by card. */
function checkAgainstLibrary(
  name: CardName,
  template: ACData.Template,
  data: object,
  card: Card,
): void {
  const expected = template.expand({ $root: data }) as Card;
  try {
    deepStrictEqual(card, expected);
  } catch {
    throw new Error(`card ${name}: the fast expansion differs from adaptivecards-templating's`);
  }
}

/** The attachment that carries a card in a message. */
export function cardAttachment(card: Card): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
