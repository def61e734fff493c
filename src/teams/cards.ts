/** Card rendering: JSON templates from cards/, expanded with adaptivecards-templating. */
import * as ACData from 'adaptivecards-templating';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attachment } from 'botbuilder';

// Same relative place from src/teams (tsx) and dist/teams (built).
export const CARDS_DIR = join(__dirname, '..', '..', 'cards');

export type CardName = 'demande-formulaire' | 'demande-neutre' | 'demande-detail' | 'aide' | 'message'
  | 'comite-liste' | 'comite-formulaire' | 'comite-annonce' | 'comite-annuler' | 'bilan'
  | 'annuaire-resultats' | 'annuaire-personne' | 'annuaire-structure' | 'annuaire-partenariat' | 'annuaire-admin' | 'annuaire-liste'
  | 'tableau-etat' | 'tableau-motdepasse' | 'tableau-import-motdepasse';
export type Card = Record<string, unknown>;

const templates = new Map<string, ACData.Template>();

/** Expands the template `name` with `data`; every key the template reads must be present. */
export function renderCard(name: CardName, data: object): Card {
  let template = templates.get(name);
  if (!template) {
    template = new ACData.Template(JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')));
    templates.set(name, template);
  }
  return template.expand({ $root: data }) as Card;
}

/** The attachment that carries a card in a message. */
export function cardAttachment(card: Card): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
