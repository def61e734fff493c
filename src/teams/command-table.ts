/** Every command the bot understands (DESIGN.md §4), and who handles it. */
import type { CommandName } from './commands';
import type { CommandHandler } from './feature';
import { followUp, openRequestForm } from './features/requests';
import { helpCard } from './request-views';

export const commands: Partial<Record<CommandName, CommandHandler>> = {
  aide: async () => helpCard(),
  demande: openRequestForm,
  suivi: followUp,
};
