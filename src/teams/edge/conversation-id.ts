/**
 * Conversation ids as Teams writes them. Kept apart from verbs.ts so that features can import it
 * without a cycle.
 */

/** A channel thread's id ends with ";messageid=…"; the channel itself is what we keep. */
export function baseConversationId(id: string): string {
  return id.split(';messageid=')[0];
}
