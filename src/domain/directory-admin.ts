/**
 * Admin changes to the directory (issue 3 §2, §5, §7): correspondents, structures,
 * partnerships. Each change is checked against the admin's scope on the server, written in one
 * transaction with its audit event (field names only), and a change that changes nothing
 * (a double click, a Teams retry) writes nothing.
 */
import type { AccessOptions } from './access';
import type { Role, StructureKind } from './directory';
import {
  correspondentFormSchema,
  partnershipFormSchema,
  structureFormSchema,
} from './directory-inputs';
import {
  checkPartnershipInScope,
  checkOwnStructure,
  mayEditStructure,
  requireAdmin,
  type AdminScope,
} from './directory-scope';
import { DomainError } from './errors';
import type {
  Caller,
  Clock,
  CorrespondentRecord,
  PartnershipRecord,
  StructureRecord,
} from './model';
import { validate, type FieldErrors } from './schemas';
import type { DirectoryEvent } from './records';
import { CONTACT_FIELDS } from './liaison';
import type { Repo, Store } from '../storage/store';

export interface DirectoryDeps extends AccessOptions {
  store: Store;
  clock: Clock;
}

/** A card submit: saved (with the names of the fields that changed), or its field errors. */
export type Saved<T> =
  | { ok: true; value: T; changed: string[]; created: boolean }
  | {
      ok: false;
      fieldErrors: FieldErrors;
      unknownFields: string[];
      values: Record<string, unknown>;
    };

/**
 * Which role fits which kind of structure (an admin fits all); a DDETS person is a
 * `correspondant` (reader) or an `admin`.
 */
export function roleFits(role: Role, kind: StructureKind): boolean {
  if (role === 'admin') return true;
  return role === 'conseiller' ? kind === 'ML' : kind === 'DT' || kind === 'DDETS';
}

/** Names of the fields whose values differ; values themselves are never reported. */
export function changedFields<T extends object>(
  before: T | undefined,
  after: T,
  keys: (keyof T & string)[],
): string[] {
  if (!before) return keys.filter((k) => after[k] !== null && after[k] !== undefined);
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

const refused = <T>(fieldErrors: FieldErrors, values: Record<string, unknown>): Saved<T> => ({
  ok: false,
  fieldErrors,
  unknownFields: [],
  values,
});

export class DirectoryAdmin {
  constructor(private readonly deps: DirectoryDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The caller's admin scope, or a refusal. */
  scope(caller: Caller): Promise<AdminScope> {
    return requireAdmin(caller, this.deps.store, this.deps);
  }

  private async event(
    tx: Repo,
    caller: Caller,
    e: Omit<DirectoryEvent, 'at' | 'actor'>,
  ): Promise<void> {
    await tx.directory.addEvent({ ...e, at: this.now(), actor: caller.aadObjectId });
  }

  /** Adds or edits a person; the structures before and after must both be in the admin's scope. */
  async saveCorrespondent(
    caller: Caller,
    input: Record<string, unknown>,
  ): Promise<Saved<CorrespondentRecord>> {
    const scope = await this.scope(caller);
    const checked = validate(correspondentFormSchema, input);
    if (!checked.ok) return { ...checked, values: input };
    const { cardVersion: _v, teamsUserId, ...form } = checked.value;
    const structure = await this.deps.store.directory.getStructure(form.structureId);
    if (!structure) return refused({ structureId: 'E_CHOICE_INVALID' }, input);
    if (!scope.all && !scope.structureIds.has(structure.id))
      return refused({ structureId: 'E_DIRECTORY_SCOPE_FIELD' }, input);
    if (!mayEditStructure(scope, structure.id))
      return refused({ structureId: 'E_OWN_STRUCTURE_ONLY' }, input);
    if (!roleFits(form.role, structure.kind)) return refused({ role: 'E_ROLE_KIND' }, input);
    const before = await this.deps.store.directory.getCorrespondent(form.aadObjectId);
    if (before) checkOwnStructure(scope, before.structureId);
    const after: CorrespondentRecord = {
      ...form,
      teamsUserId: before?.teamsUserId ?? teamsUserId ?? null,
      active: true,
    };
    const changed = changedFields(before, after, [
      'name',
      'structureId',
      'role',
      'email',
      'phone',
      'active',
    ]);
    if (changed.length) {
      await this.deps.store.transaction(async (tx) => {
        await tx.directory.upsertCorrespondent(form, this.now());
        if (teamsUserId) await tx.directory.setTeamsUserIdIfUnknown(form.aadObjectId, teamsUserId);
        const action = !before
          ? 'correspondent.add'
          : before.active
            ? 'correspondent.update'
            : 'correspondent.reactivate';
        await this.event(tx, caller, {
          action,
          targetKind: 'correspondent',
          targetId: form.aadObjectId,
          structureId: structure.id,
          fields: changed,
        });
        if (before && before.structureId !== structure.id) {
          // The former structure's admins see that the person left.
          await this.event(tx, caller, {
            action: 'correspondent.move',
            targetKind: 'correspondent',
            targetId: form.aadObjectId,
            structureId: before.structureId,
            fields: ['structureId'],
          });
        }
      });
    }
    return {
      ok: true,
      value: (await this.deps.store.directory.getCorrespondent(
        form.aadObjectId,
      )) as CorrespondentRecord,
      changed,
      created: !before,
    };
  }

  /**
   * Removes a person from the directory by deactivating them: their structure's requests stay
   * routed to the structure, and history keeps their id and name.
   */
  async removeCorrespondent(caller: Caller, aadObjectId: string): Promise<CorrespondentRecord> {
    const scope = await this.scope(caller);
    const person = await this.deps.store.directory.getCorrespondent(aadObjectId);
    if (!person) throw new DomainError('E_DIRECTORY_NOT_FOUND');
    checkOwnStructure(scope, person.structureId);
    await this.deps.store.transaction(async (tx) => {
      if (await tx.directory.setActive(person.aadObjectId, false, this.now())) {
        await this.event(tx, caller, {
          action: 'correspondent.remove',
          targetKind: 'correspondent',
          targetId: person.aadObjectId,
          structureId: person.structureId,
          fields: ['active'],
        });
      }
    });
    return { ...person, active: false };
  }

  /** Adds a structure (any admin: it belongs to no partnership yet) or edits one in scope. */
  async saveStructure(
    caller: Caller,
    input: Record<string, unknown>,
    mode: 'add' | 'edit',
  ): Promise<Saved<StructureRecord>> {
    const scope = await this.scope(caller);
    const checked = validate(structureFormSchema, input);
    if (!checked.ok) return { ...checked, values: input };
    const {
      cardVersion: _v,
      postalAddress,
      phone,
      openingHours,
      referentName,
      ...form
    } = checked.value;
    const contact = { postalAddress, phone, openingHours, referentName };
    const before = await this.deps.store.directory.getStructure(form.id);
    if (mode === 'add' && before) return refused({ id: 'E_ID_TAKEN' }, input);
    // Outside local mode every structure has a tenant: its people's tenant is compared with it.
    if (!form.tenantId && !caller.localMode)
      return refused({ tenantId: 'E_TENANT_REQUIRED' }, input);
    if (mode === 'edit') {
      if (!before) throw new DomainError('E_DIRECTORY_NOT_FOUND');
      checkOwnStructure(scope, before.id);
      if (before.kind !== form.kind) return refused({ kind: 'E_KIND_LOCKED' }, input);
    }
    const changed = changedFields(
      before,
      { ...form, inboxConversationId: before?.inboxConversationId ?? null },
      ['name', 'kind', 'departements', 'tenantId'],
    );
    const beforeContact = before && (await this.deps.store.structureContacts.get(form.id));
    changed.push(...changedFields(beforeContact, contact, [...CONTACT_FIELDS]));
    if (changed.length) {
      await this.deps.store.transaction(async (tx) => {
        await tx.directory.upsertStructure(form, this.now());
        await tx.structureContacts.set(form.id, contact, this.now());
        // A partnership admin's new structure is in no partnership yet: their own structure's
        // admins see it.
        const structureId = before || scope.all ? form.id : scope.ownStructureId;
        await this.event(tx, caller, {
          action: before ? 'structure.update' : 'structure.add',
          targetKind: 'structure',
          targetId: form.id,
          structureId,
          fields: changed,
        });
      });
    }
    return {
      ok: true,
      value: (await this.deps.store.directory.getStructure(form.id)) as StructureRecord,
      changed,
      created: !before,
    };
  }

  /**
   * Creates or edits a partnership. A partnership admin keeps their own structure in it, and may
   * bring in only structures already in their scope or in no partnership yet: nobody reaches
   * into another partnership by editing their own.
   */
  async savePartnership(
    caller: Caller,
    input: Record<string, unknown>,
    mode: 'add' | 'edit',
  ): Promise<Saved<PartnershipRecord>> {
    const scope = await this.scope(caller);
    const checked = validate(partnershipFormSchema, input);
    if (!checked.ok) return { ...checked, values: input };
    const { cardVersion: _v, ...form } = checked.value;
    const before = await this.deps.store.directory.getPartnership(form.id);
    if (mode === 'add' && before) return refused({ id: 'E_ID_TAKEN' }, input);
    if (mode === 'edit') {
      if (!before) throw new DomainError('E_DIRECTORY_NOT_FOUND');
      checkPartnershipInScope(scope, before.id);
    }
    const errors: FieldErrors = {};
    if ((await this.deps.store.directory.getStructure(form.dtId))?.kind !== 'DT')
      errors.dtId = 'E_CHOICE_INVALID';
    for (const ml of form.mlIds)
      if ((await this.deps.store.directory.getStructure(ml))?.kind !== 'ML')
        errors.mlIds = 'E_CHOICE_INVALID';
    if (
      form.ddetsId &&
      (await this.deps.store.directory.getStructure(form.ddetsId))?.kind !== 'DDETS'
    )
      errors.ddetsId = 'E_CHOICE_INVALID';
    if (Object.keys(errors).length) return refused(errors, input);
    const members = [form.dtId, ...form.mlIds, ...(form.ddetsId ? [form.ddetsId] : [])];
    if (!scope.all) {
      const own = scope.ownStructureId;
      const ownField =
        own === form.dtId ||
        (await this.deps.store.directory.getStructure(own ?? ''))?.kind === 'DT'
          ? 'dtId'
          : 'mlIds';
      if (!own || !members.includes(own))
        return refused({ [ownField]: 'E_OWN_STRUCTURE_KEPT' }, input);
      for (const id of members.filter((m) => !scope.structureIds.has(m))) {
        const field = id === form.dtId ? 'dtId' : id === form.ddetsId ? 'ddetsId' : 'mlIds';
        if ((await this.deps.store.directory.partnershipsOfStructure(id)).length)
          return refused({ [field]: 'E_DIRECTORY_SCOPE_FIELD' }, input);
      }
    }
    const after = {
      ...form,
      mlIds: [...form.mlIds].sort(),
      channelConversationId: before?.channelConversationId ?? null,
      ddetsId: form.ddetsId,
    };
    const changed = changedFields(before, after, ['name', 'dtId', 'mlIds', 'ddetsId']);
    if (changed.length) {
      await this.deps.store.transaction(async (tx) => {
        await tx.directory.upsertPartnership(after, this.now());
        await tx.directory.setPartnershipMls(form.id, after.mlIds);
        await this.event(tx, caller, {
          action: before ? 'partnership.update' : 'partnership.add',
          targetKind: 'partnership',
          targetId: form.id,
          structureId: form.dtId,
          fields: changed,
        });
      });
    }
    return {
      ok: true,
      value: (await this.deps.store.directory.getPartnership(form.id)) as PartnershipRecord,
      changed,
      created: !before,
    };
  }
}
