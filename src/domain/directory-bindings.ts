/**
 * Inboxes and partnership channels (issue 3 §3): an admin binds the channel they type in; a
 * channel the bot lost (removed from the team, channel or team deleted) is unbound, and the
 * structure's messages fall back to its people's personal chats (teams/audience.ts).
 */
import { checkPartnershipInScope, checkStructureInScope, type AdminScope } from './directory-scope';
import type { DirectoryAdmin } from './directory-admin';
import { DomainError } from './errors';
import type { Caller, Clock, PartnershipRecord, StructureRecord } from './model';
import { fold } from './text';
import type { LostBinding } from './records';
import type { Store } from '../storage/store';

/** The channel a command was typed in. */
export interface ChannelPlace {
  /** The channel's conversation id, without the thread's ";messageid=". */
  conversationId: string;
  teamId: string | null;
  conversationType: string;
}

/** The actor recorded when Teams, not a person, caused the change. */
export const TEAMS_ACTOR = 'teams';

/**
 * Finds one record by id, or by name (accents and case ignored, whole then partial); an empty
 * query picks the only candidate.
 */
export function pick<T extends { id: string; name: string | null }>(
  query: string,
  candidates: T[],
): T {
  const q = fold(query.trim());
  const exact = candidates.filter((c) => fold(c.id) === q || fold(c.name ?? '') === q);
  const found = exact.length
    ? exact
    : candidates.filter((c) => fold(`${c.id} ${c.name ?? ''}`).includes(q));
  if (!found.length) throw new DomainError('E_DIRECTORY_NOT_FOUND');
  if (found.length > 1) throw new DomainError('E_DIRECTORY_AMBIGUOUS');
  return found[0];
}

export class DirectoryBindings {
  constructor(private readonly deps: { store: Store; clock: Clock; admin: DirectoryAdmin }) {}

  private requireChannel(place: ChannelPlace): void {
    if (place.conversationType !== 'channel') throw new DomainError('E_DIRECTORY_CHANNEL_ONLY');
  }

  private async structuresIn(scope: AdminScope): Promise<StructureRecord[]> {
    return (await this.deps.store.directory.listStructures()).filter(
      (s) => scope.all || scope.structureIds.has(s.id),
    );
  }

  private async partnershipsIn(scope: AdminScope): Promise<PartnershipRecord[]> {
    return (await this.deps.store.directory.allPartnerships()).filter(
      (p) => scope.all || scope.partnershipIds.has(p.id),
    );
  }

  /** Binds the channel as a structure's inbox (the admin's own structure when none is named). */
  async bindInbox(caller: Caller, query: string, place: ChannelPlace): Promise<StructureRecord> {
    const scope = await this.deps.admin.scope(caller);
    this.requireChannel(place);
    const structure = query.trim()
      ? pick(query, await this.structuresIn(scope))
      : await this.deps.store.directory.getStructure(scope.ownStructureId ?? '');
    if (!structure) throw new DomainError('E_DIRECTORY_NOT_FOUND');
    checkStructureInScope(scope, structure.id);
    await this.write(caller.aadObjectId, [{ kind: 'inbox', id: structure.id }], place, 'bind');
    return structure;
  }

  /**
   * Binds the channel as a partnership's channel (the admin's only partnership when none is named).
   */
  async bindChannel(
    caller: Caller,
    query: string,
    place: ChannelPlace,
  ): Promise<PartnershipRecord> {
    const scope = await this.deps.admin.scope(caller);
    this.requireChannel(place);
    const partnership = pick(query, await this.partnershipsIn(scope));
    checkPartnershipInScope(scope, partnership.id);
    await this.write(caller.aadObjectId, [{ kind: 'channel', id: partnership.id }], place, 'bind');
    return partnership;
  }

  /**
   * Unbinds what is bound to this channel (no query), or the named structure's inbox or
   * partnership's channel (from anywhere). Returns what was unbound.
   */
  async unbind(caller: Caller, query: string, place: ChannelPlace): Promise<LostBinding[]> {
    const scope = await this.deps.admin.scope(caller);
    let targets: LostBinding[];
    if (query.trim()) {
      const candidates = [
        ...(await this.structuresIn(scope))
          .filter((s) => s.inboxConversationId)
          .map((s) => ({ id: s.id, name: s.name, kind: 'inbox' as const })),
        ...(await this.partnershipsIn(scope))
          .filter((p) => p.channelConversationId)
          .map((p) => ({ id: p.id, name: p.name, kind: 'channel' as const })),
      ];
      const found = pick(query, candidates);
      targets = [{ kind: found.kind, id: found.id }];
    } else {
      this.requireChannel(place);
      targets = (await this.deps.store.directory.boundTo(place.conversationId, null)).filter(
        (b) =>
          scope.all ||
          (b.kind === 'inbox' ? scope.structureIds.has(b.id) : scope.partnershipIds.has(b.id)),
      );
      if (!targets.length) throw new DomainError('E_DIRECTORY_NOT_FOUND');
    }
    await this.write(caller.aadObjectId, targets, null, 'unbind');
    return targets;
  }

  /** Teams says the bot left this channel or team (or it was deleted): unbind what was there. */
  async channelLost(conversationId: string | null, teamId: string | null): Promise<LostBinding[]> {
    const lost = await this.deps.store.directory.boundTo(conversationId, teamId);
    if (lost.length) await this.write(TEAMS_ACTOR, lost, null, 'lost');
    return lost;
  }

  private async write(
    actor: string,
    targets: LostBinding[],
    place: ChannelPlace | null,
    verb: 'bind' | 'unbind' | 'lost',
  ): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async (tx) => {
      const repo = tx.directory;
      for (const t of targets) {
        if (t.kind === 'inbox')
          await repo.bindInbox(t.id, place?.conversationId ?? null, place?.teamId ?? null);
        else await repo.bindChannel(t.id, place?.conversationId ?? null, place?.teamId ?? null);
        const structureId =
          t.kind === 'inbox' ? t.id : ((await tx.directory.getPartnership(t.id))?.dtId ?? null);
        await repo.addEvent({
          at,
          actor,
          action: `${t.kind}.${verb}`,
          targetKind: t.kind === 'inbox' ? 'structure' : 'partnership',
          targetId: t.id,
          structureId,
          fields: [t.kind === 'inbox' ? 'inboxConversationId' : 'channelConversationId'],
        });
      }
    });
  }
}
