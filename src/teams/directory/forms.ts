/**
 * The directory's admin cards (issue 3 §2): open, save and remove. Each verb answers with the
 * card itself: saved (with what changed), or re-rendered with the typed values and French
 * messages. The server checks the admin's scope on every invoke, whatever the card showed.
 */
import type { Saved } from '../../domain/directory-admin';
import {
  checkPartnershipInScope,
  checkOwnStructure,
  mayEditStructure,
  type AdminScope,
} from '../../domain/directory-scope';
import { DomainError } from '../../domain/errors';
import { ownValue } from '../../domain/lookup';
import type { StructureRecord } from '../../domain/model';
import { format, fr } from '../../i18n/fr';
import type { BotServices, VerbHandler } from '../feature';
import { listCard, partnershipCard, personCard, structureCard, type FormState } from './views';
import type { EntityRef, PersonRef } from '../verb-data';

import { partnershipStructureIds } from '../../domain/partnership-members';

const d = fr.directory;
const idOf = (data: Record<string, unknown>, field: string): string => {
  const v = ownValue(data, field);
  return typeof v === 'string' ? v : '';
};

/** Structures an admin may put people in: their own (everything for a global admin). */
export async function reachableStructures(
  services: BotServices,
  scope: AdminScope,
): Promise<StructureRecord[]> {
  return (await services.store.directory.listStructures()).filter((s) =>
    mayEditStructure(scope, s.id),
  );
}

/** Structures an admin may put in a partnership: their scope, plus those in no partnership yet. */
async function attachableStructures(
  services: BotServices,
  scope: AdminScope,
): Promise<StructureRecord[]> {
  const partnerships = await services.store.directory.allPartnerships();
  const attached = new Set(partnerships.flatMap(partnershipStructureIds));
  return (await services.store.directory.listStructures()).filter(
    (s) => scope.all || scope.structureIds.has(s.id) || !attached.has(s.id),
  );
}

/** What a save says on its card: saved (which fields), nothing to save, or the refusal. */
function outcome<T>(
  saved: Saved<T>,
  values: Record<string, unknown>,
  nameLabel = d.labels.name,
): FormState {
  if (!saved.ok) {
    const message = saved.unknownFields.length
      ? format(fr.errors.E_FIELDS_NOT_ALLOWED, { fields: saved.unknownFields.join(', ') })
      : fr.errors.E_INVALID_INPUT;
    return { values: saved.values, errors: saved.fieldErrors, message, color: 'Attention' };
  }
  const label = (f: string) => (f === 'name' ? nameLabel : (d.labels[f] ?? f));
  const message = saved.changed.length
    ? format(d.forms.saved, { fields: saved.changed.map(label).join(', ') })
    : d.forms.unchanged;
  return { values, message, color: 'Good' };
}

/** "Modifier" on a person: their card, if their structure is in the admin's scope. */
export const openPerson: VerbHandler<PersonRef> = async ({ caller, data, services }) => {
  const scope = await services.directory.admin.scope(caller);
  const person = await services.store.directory.getCorrespondent(data.aadObjectId);
  if (!person) throw new DomainError('E_DIRECTORY_NOT_FOUND');
  checkOwnStructure(scope, person.structureId);
  return personCard(
    { aadObjectId: person.aadObjectId, isNew: false },
    await reachableStructures(services, scope),
    { values: { ...person } },
  );
};

/** Saves a person (added from a mention, or edited). */
export const savePerson: VerbHandler = async ({ caller, data, services }) => {
  const saved = await services.directory.admin.saveCorrespondent(caller, data);
  const scope = await services.directory.admin.scope(caller);
  const structures = await reachableStructures(services, scope);
  const aadObjectId = idOf(data, 'aadObjectId');
  const values = saved.ok ? { ...saved.value } : data;
  const teamsUserId = saved.ok ? null : idOf(data, 'teamsUserId') || null;
  return personCard(
    {
      aadObjectId,
      teamsUserId,
      isNew: !saved.ok && !(await services.store.directory.getCorrespondent(aadObjectId)),
    },
    structures,
    outcome(saved, values),
  );
};

/** "Retirer": asks for confirmation first (a removal is a visible change for the partners). */
export const confirmRemovePerson: VerbHandler<PersonRef> = async ({ caller, data, services }) => {
  const scope = await services.directory.admin.scope(caller);
  const person = await services.store.directory.getCorrespondent(data.aadObjectId);
  if (!person || !person.active) throw new DomainError('E_DIRECTORY_NOT_FOUND');
  checkOwnStructure(scope, person.structureId);
  return listCard(d.forms.personEdit, {
    text: format(d.forms.removeConfirm, { name: person.name }),
    color: 'Attention',
    verb: 'annuaire.personne.retirerConfirme',
    verbTitle: d.forms.removeButton,
    verbData: { aadObjectId: person.aadObjectId, cardVersion: 1 },
  });
};

/** The confirmed removal: the person is deactivated, never deleted. */
export const removePerson: VerbHandler<PersonRef> = async ({ caller, data, services }) => {
  const person = await services.directory.admin.removeCorrespondent(caller, data.aadObjectId);
  return listCard(d.forms.personEdit, {
    text: format(d.forms.removed, { name: person.name }),
    color: 'Good',
  });
};

/** "Nouvelle structure" or "Modifier" on a structure. */
export const openStructure: VerbHandler<EntityRef> = async ({ caller, data, services }) => {
  const scope = await services.directory.admin.scope(caller);
  const { id } = data;
  if (!id) return structureCard(true);
  const structure = await services.store.directory.getStructure(id);
  if (!structure) throw new DomainError('E_DIRECTORY_NOT_FOUND');
  checkOwnStructure(scope, structure.id);
  const contact = await services.store.structureContacts.get(structure.id);
  return structureCard(false, { values: { ...structure, ...contact } });
};

const saveStructureAs =
  (mode: 'add' | 'edit'): VerbHandler =>
  async ({ caller, data, services }) => {
    const saved = await services.directory.admin.saveStructure(caller, data, mode);
    const contact = saved.ok ? await services.store.structureContacts.get(saved.value.id) : {};
    return structureCard(
      !saved.ok && mode === 'add',
      outcome(saved, saved.ok ? { ...saved.value, ...contact } : data, d.labels.structureName),
    );
  };

/** Submit of a new structure. */
export const addStructure = saveStructureAs('add');
/** Submit of an edited structure. */
export const saveStructure = saveStructureAs('edit');

/** "Nouveau partenariat" or "Modifier" on a partnership. */
export const openPartnership: VerbHandler<EntityRef> = async ({ caller, data, services }) => {
  const scope = await services.directory.admin.scope(caller);
  const structures = await attachableStructures(services, scope);
  const { id } = data;
  if (!id) return partnershipCard(true, structures, { values: { dtId: '', mlIds: '' } });
  const partnership = await services.store.directory.getPartnership(id);
  if (!partnership) throw new DomainError('E_DIRECTORY_NOT_FOUND');
  checkPartnershipInScope(scope, partnership.id);
  return partnershipCard(false, structures, { values: { ...partnership } });
};

const savePartnershipAs =
  (mode: 'add' | 'edit'): VerbHandler =>
  async ({ caller, data, services }) => {
    const saved = await services.directory.admin.savePartnership(caller, data, mode);
    const structures = await attachableStructures(
      services,
      await services.directory.admin.scope(caller),
    );
    return partnershipCard(
      !saved.ok && mode === 'add',
      structures,
      outcome(saved, saved.ok ? { ...saved.value } : data, d.labels.partnershipName),
    );
  };

/** Submit of a new partnership. */
export const addPartnership = savePartnershipAs('add');
/** Submit of an edited partnership. */
export const savePartnership = savePartnershipAs('edit');
