/**
 * Every Action.Execute verb the bot understands, and who handles it: the one routing table.
 * Handlers live with their feature under features/.
 */
import type { VerbHandler } from './feature';
import { askFollowUp, prescribe } from './features/pathway';
import { answerRequest, createRequest, refreshRequestCard } from './features/requests';

export const verbs = {
  'demande.creer': createRequest,
  'demande.voir': refreshRequestCard, // the refresh (user-specific view) and "Voir le détail"
  'demande.repondre': answerRequest,
  'demande.prescrire': prescribe,
  'demande.relancer': askFollowUp,
} satisfies Record<string, VerbHandler>;

/** A channel thread's id ends with ";messageid=…"; the channel itself is what we keep. */
export function baseConversationId(id: string): string {
  return id.split(';messageid=')[0];
}
