/** Who sees a request's details, and where a structure's messages go (DESIGN.md §1, §5). */
import type { CorrespondentRecord, RequestRecord } from '../domain/model';
import type { Repo } from '../storage/store';

/** Teams caps a card's refresh audience; beyond it, viewers use "Voir le détail". */
export const MAX_REFRESH_USERS = 60;

const viewsMl = (c: CorrespondentRecord) => c.role === 'conseiller' || c.role === 'admin';
const viewsDt = (c: CorrespondentRecord) => c.role === 'correspondant' || c.role === 'admin';

/** Teams user ids of the people of the two structures concerned, for the card's refresh. */
export async function viewerIds(tx: Repo, r: RequestRecord): Promise<string[]> {
  const ml = (await tx.directory.listCorrespondents(r.mlId)).filter(viewsMl);
  const dt = (await tx.directory.listCorrespondents(r.dtId)).filter(viewsDt);
  const ids = [...ml, ...dt].map((c) => c.teamsUserId).filter((id): id is string => !!id);
  return [...new Set(ids)].slice(0, MAX_REFRESH_USERS);
}

export interface Target {
  conversationId: string;
  reference: Record<string, unknown>;
}

/**
 * A structure's inbox: its bound channel, else the personal chats of its people who have the
 * app (a person the bot never met has no chat to write to yet).
 */
export async function inboxTargets(tx: Repo, structureId: string): Promise<Target[]> {
  const structure = await tx.directory.getStructure(structureId);
  if (structure?.inboxConversationId) {
    const reference = await tx.references.get('conversation', structure.inboxConversationId);
    if (reference) return [{ conversationId: structure.inboxConversationId, reference }];
  }
  const targets: Target[] = [];
  const people = (await tx.directory.listCorrespondents(structureId)).filter(
    structure?.kind === 'ML' ? viewsMl : viewsDt,
  );
  for (const person of people) {
    const reference = await tx.references.get('user', person.aadObjectId);
    if (reference)
      targets.push({
        conversationId: String((reference.conversation as { id: string }).id),
        reference,
      });
  }
  return targets;
}
