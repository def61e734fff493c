/** Every command the bot understands (DESIGN.md §4), and who handles it. */
import type { CommandName } from './commands';
import type { Card } from './cards/render';
import type { CommandContext, CommandHandler } from './feature';
import { listCommittees } from './committees/handlers';
import { bilanCommand } from './bilan/handler';
import { directoryCommand } from './directory/handlers';
import { importDroppedDirectory } from './directory/file';
import { followUp, openRequestForm } from './requests/handlers';
import { tableCommand } from './table/export';
import { importDroppedTable } from './table/import';
import { callerProfile, helpCard } from './help';
import { offersCommand } from './offers/handlers';
import { droppedOfferPdf } from './offers/file';
import { roadmapCommand } from './partnership/handlers';
import { openFicheForm } from './liaison/handlers';
import { journalCommand } from './journal/handlers';

/** A Map keyed by the parsed command name (never by raw text). */
export const commands: ReadonlyMap<CommandName, CommandHandler> = new Map<
  CommandName,
  CommandHandler
>(
  Object.entries({
    aide: async ({ caller, services }) => helpCard(await callerProfile(services.store, caller)),
    demande: openRequestForm,
    suivi: followUp,
    comite: listCommittees,
    bilan: bilanCommand,
    annuaire: directoryCommand,
    tableau: tableCommand,
    offres: offersCommand,
    partenariat: roadmapCommand,
    liaison: openFicheForm,
    journal: journalCommand,
  } satisfies Partial<Record<CommandName, CommandHandler>>) as [CommandName, CommandHandler][],
);

/** Files sent without a command: each handler answers for the files it recognises, else null. */
export const fileHandlers: ((ctx: CommandContext) => Promise<Card | Card[] | null>)[] = [
  importDroppedDirectory,
  // Before the table's import, which takes any other file: only a PDF for an open offer form.
  droppedOfferPdf,
  importDroppedTable,
];

/** The answer of the first handler that takes the message's file, if any. */
export async function droppedFile(ctx: CommandContext): Promise<Card | Card[] | null> {
  if (!ctx.activity.attachments?.length) return null;
  for (const handle of fileHandlers) {
    const answer = await handle(ctx);
    if (answer) return answer;
  }
  return null;
}
