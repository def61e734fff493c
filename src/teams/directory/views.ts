/**
 * What the directory cards show (issue 3). Every key a template reads is passed, so that no
 * `${…}` is left in a card. Card data carries verbs and ids only.
 */
import { displayPhone } from '../../domain/contact-fields';
import { ROLES, STRUCTURE_KINDS } from '../../domain/directory';
import type { DirectoryHit } from '../../domain/directory-search';
import { mayEditStructure, type AdminScope } from '../../domain/directory-scope';
import type { CorrespondentRecord, PartnershipRecord, StructureRecord } from '../../domain/model';
import type { FieldErrors } from '../../domain/schemas';
import { format, fr } from '../../i18n/fr';
import { renderCard, type Card } from '../cards/render';
import { ownValue } from '../../domain/lookup';
import { plainText } from '../../domain/text';
import { CONTACT_FIELDS } from '../../domain/liaison';
import { frLiaison } from '../../i18n/fr-liaison';

const d = fr.directory;
export const PAGE_SIZE = 8;

/** Field errors in French, every field present (empty when fine). */
function errorTexts(fields: readonly string[], errors: FieldErrors = {}): Record<string, string> {
  return Object.fromEntries(
    fields.map((f) => [
      f,
      ownValue(errors, f) ? (ownValue(fr.fields, errors[f]) ?? fr.fields.E_FIELD_INVALID) : '',
    ]),
  );
}

function stringValues(
  fields: readonly string[],
  values: Record<string, unknown>,
): Record<string, string> {
  return Object.fromEntries(
    fields.map((f) => {
      return [f, plainText(ownValue(values, f))];
    }),
  );
}

/** A Teams deep link that opens a chat with the person (their e-mail works across tenants). */
export function contactUrl(p: CorrespondentRecord): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(p.email ?? p.aadObjectId)}`;
}

const inboxText = (s: StructureRecord) =>
  `${d.search.inbox} : ${s.inboxConversationId ? d.search.inboxChannel : d.search.inboxPersonal}`;

/** One page of search results; admins get "Modifier"/"Retirer" on what is in their scope. */
export function resultsCard(
  query: string,
  hits: DirectoryHit[],
  page: number,
  scope: AdminScope | null,
  message = '',
): Card {
  const pages = Math.max(1, Math.ceil(hits.length / PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  const may = (structureId: string) => !!scope && mayEditStructure(scope, structureId);
  const items = hits.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE).map((h) => {
    if (h.type === 'structure') {
      const s = h.structure;
      return {
        heading: s.name,
        subheading: `${d.kinds[s.kind]} — ${d.search.departements} ${s.departements.join(', ')}`,
        facts: may(s.id)
          ? [
              {
                title: d.search.inbox,
                value: s.inboxConversationId ? d.search.inboxChannel : d.search.inboxPersonal,
              },
            ]
          : [],
        contactUrl: '',
        canEdit: may(s.id),
        canRemove: false,
        editVerb: 'annuaire.structure.ouvrir',
        editData: { id: s.id, cardVersion: 1 },
      };
    }
    const c = h.person;
    const facts = [
      ...(c.email ? [{ title: d.labels.email, value: c.email }] : []),
      ...(c.phone ? [{ title: d.labels.phone, value: displayPhone(c.phone) }] : []),
    ];
    return {
      heading: c.name,
      subheading: `${d.roles[c.role]} — ${h.structure?.name ?? c.structureId}`,
      facts,
      contactUrl: contactUrl(c),
      canEdit: may(c.structureId),
      canRemove: may(c.structureId),
      editVerb: 'annuaire.personne.ouvrir',
      editData: { aadObjectId: c.aadObjectId, cardVersion: 1 },
    };
  });
  return renderCard('annuaire-resultats', {
    title: query ? format(d.search.titleFor, { query }) : d.search.title,
    summary: hits.length
      ? format(d.search.count, { count: hits.length, page: p, pages })
      : d.search.none,
    message,
    messageColor: 'Good',
    items,
    labels: d.search,
    hasPrevious: p > 1,
    hasNext: p < pages,
    previousData: { q: query, page: p - 1, cardVersion: 1 },
    nextData: { q: query, page: p + 1, cardVersion: 1 },
  });
}

export interface FormState {
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  message?: string;
  /** 'Good' after a save, 'Attention' after a refusal. */
  color?: 'Good' | 'Attention';
}

const PERSON_FIELDS = ['name', 'structureId', 'role', 'email', 'phone'] as const;

/** The person card, for an add (from a mention) or an edit. */
export function personCard(
  person: { aadObjectId: string; teamsUserId?: string | null; isNew: boolean },
  structures: StructureRecord[],
  s: FormState = {},
): Card {
  const values = stringValues(PERSON_FIELDS, s.values ?? {});
  if (values.phone.startsWith('+')) values.phone = displayPhone(values.phone);
  return renderCard('annuaire-personne', {
    title: person.isNew ? d.forms.personAdd : d.forms.personEdit,
    intro: d.forms.personIntro,
    message: s.message ?? '',
    messageColor: s.color ?? 'Attention',
    labels: d.labels,
    values,
    errors: errorTexts(PERSON_FIELDS, s.errors),
    structureChoices: structures.map((st) => ({
      title: `${st.name} (${d.kinds[st.kind]})`,
      value: st.id,
    })),
    roleChoices: ROLES.map((r) => ({ title: d.roles[r], value: r })),
    save: d.forms.save,
    data: {
      aadObjectId: person.aadObjectId,
      ...(person.teamsUserId ? { teamsUserId: person.teamsUserId } : {}),
      cardVersion: 1,
    },
  });
}

const STRUCTURE_FIELDS = [
  'id',
  'kind',
  'name',
  'departements',
  'tenantId',
  ...CONTACT_FIELDS,
] as const;

/** The structure card: a new one (id and kind typed) or an existing one (both fixed). */
export function structureCard(isNew: boolean, s: FormState = {}): Card {
  const values = stringValues(STRUCTURE_FIELDS, s.values ?? {});
  if (Array.isArray(s.values?.departements))
    values.departements = (s.values.departements as string[]).join(', ');
  if (values.phone.startsWith('+')) values.phone = displayPhone(values.phone);
  return renderCard('annuaire-structure', {
    structurePhone: frLiaison.structurePhone,
    title: isNew ? d.forms.structureAdd : d.forms.structureEdit,
    message: s.message ?? '',
    messageColor: s.color ?? 'Attention',
    isNew,
    labels: d.labels,
    values,
    kindLabel: d.kinds[values.kind] ?? values.kind,
    kindChoices: STRUCTURE_KINDS.map((k) => ({ title: d.kinds[k], value: k })),
    errors: errorTexts(STRUCTURE_FIELDS, s.errors),
    save: d.forms.save,
    verb: isNew ? 'annuaire.structure.ajouter' : 'annuaire.structure.enregistrer',
    // An existing structure's id and kind are not inputs: they travel with the action.
    data: isNew ? { cardVersion: 1 } : { id: values.id, kind: values.kind, cardVersion: 1 },
  });
}

const PARTNERSHIP_FIELDS = ['id', 'name', 'dtId', 'mlIds', 'ddetsId'] as const;

/** The partnership card: a DT and its MLs, among the structures the admin may bring in. */
export function partnershipCard(
  isNew: boolean,
  structures: StructureRecord[],
  s: FormState = {},
): Card {
  return renderCard('annuaire-partenariat', {
    title: isNew ? d.forms.partnershipAdd : d.forms.partnershipEdit,
    message: s.message ?? '',
    messageColor: s.color ?? 'Attention',
    isNew,
    labels: d.labels,
    values: stringValues(PARTNERSHIP_FIELDS, s.values ?? {}),
    dtChoices: structures
      .filter((x) => x.kind === 'DT')
      .map((x) => ({ title: x.name, value: x.id })),
    mlChoices: structures
      .filter((x) => x.kind === 'ML')
      .map((x) => ({ title: x.name, value: x.id })),
    ddetsChoices: structures
      .filter((x) => x.kind === 'DDETS')
      .map((x) => ({ title: x.name, value: x.id })),
    errors: errorTexts(PARTNERSHIP_FIELDS, s.errors),
    save: d.forms.save,
    verb: isNew ? 'annuaire.partenariat.ajouter' : 'annuaire.partenariat.enregistrer',
    data: isNew ? { cardVersion: 1 } : { id: String(s.values?.id ?? ''), cardVersion: 1 },
  });
}

/** The admin's overview: structures (with their inbox) and partnerships (with their channel). */
export function adminCard(structures: StructureRecord[], partnerships: PartnershipRecord[]): Card {
  const names = new Map(structures.map((s) => [s.id, s.name]));
  return renderCard('annuaire-admin', {
    title: d.admin.title,
    intro: d.admin.intro,
    labels: { ...d.admin, edit: d.search.edit },
    structures: structures.map((s) => ({
      id: s.id,
      heading: `${s.name} (${s.id})`,
      detail: `${d.kinds[s.kind]} — ${s.departements.join(', ')} — ${inboxText(s)}`,
    })),
    partnerships: partnerships.map((p) => ({
      id: p.id,
      heading: `${p.name ?? p.id} (${p.id})`,
      detail: `${names.get(p.dtId) ?? p.dtId} — ${p.mlIds.map((m) => names.get(m) ?? m).join(', ')}${p.ddetsId ? ` — ${names.get(p.ddetsId) ?? p.ddetsId}` : ''} — ${d.admin.channel} : ${p.channelConversationId ? d.search.inboxChannel : d.admin.noChannel}`,
    })),
  });
}

export interface ListOptions {
  text?: string;
  color?: 'Default' | 'Good' | 'Attention';
  lines?: { heading: string; detail: string }[];
  url?: string;
  urlTitle?: string;
  verb?: string;
  verbTitle?: string;
  verbData?: Record<string, unknown>;
}

/** A titled list with an optional link or action: reports, journal, confirmations. */
export function listCard(title: string, o: ListOptions = {}): Card {
  return renderCard('annuaire-liste', {
    title,
    text: o.text ?? '',
    color: o.color ?? 'Default',
    lines: o.lines ?? [],
    url: o.url ?? '',
    urlTitle: o.urlTitle ?? '',
    verb: o.verb ?? '',
    verbTitle: o.verbTitle ?? '',
    verbData: o.verbData ?? {},
  });
}
