/**
 * Command parsing (DESIGN.md §4): French, accent- and case-insensitive, slash optional, the
 * bot's @mention removed wherever Teams put it.
 */
import { routeTable } from '../domain/lookup';
import { fold } from '../domain/text';

export type CommandName =
  | 'demande'
  | 'suivi'
  | 'tableau'
  | 'annuaire'
  | 'comite'
  | 'bilan'
  | 'aide'
  | 'offres'
  | 'partenariat'
  | 'liaison'
  | 'journal';

export interface ParsedCommand {
  name: CommandName | null;
  /** What followed the command word, trimmed (original case kept: ids, search text). */
  args: string;
  /** The command word as typed, for the "unknown command" hint. */
  word: string;
}

const ALIASES: ReadonlyMap<string, CommandName> = routeTable<CommandName>({
  demande: 'demande',
  suivi: 'suivi',
  tableau: 'tableau',
  annuaire: 'annuaire',
  comite: 'comite',
  comites: 'comite',
  bilan: 'bilan',
  aide: 'aide',
  help: 'aide',
  '?': 'aide',
  offres: 'offres',
  offre: 'offres',
  partenariat: 'partenariat',
  liaison: 'liaison',
  journal: 'journal',
});

export { fold };

/** Removes `<at>…</at>` mentions and HTML Teams adds around channel messages. */
export function stripMentions(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .trim();
}

export function parseCommand(rawText: string): ParsedCommand {
  const text = stripMentions(rawText).replace(/\s+/g, ' ').trim();
  const match = /^\/?\s*(\S+)\s*(.*)$/.exec(text);
  if (!match) return { name: null, args: '', word: '' };
  const word = match[1];
  const name = ALIASES.get(fold(word)) ?? null;
  return { name, args: match[2].trim(), word };
}
