/**
 * `/annuaire` (issue 3): search for everyone in the directory, and the admins' sub-commands
 * (`ajouter @Nom`, `admin`, `boite`, `canal`, `detacher`, `export`, `import`, `journal`).
 */
import { TeamsInfo, type Activity, type Mention } from 'botbuilder';
import { adminScopeOrNull } from '../../domain/directory-scope';
import { DomainError } from '../../domain/errors';
import { ownValue, routeTable } from '../../domain/lookup';
import { fold } from '../../domain/text';
import { format, fr, frDateTime } from '../../i18n/fr';
import type { CommandContext, CommandHandler, VerbHandler } from '../feature';
import { adminCard, listCard, personCard, resultsCard } from './views';
import { bindChannelHere, bindInboxHere, unbindHere } from './channels';
import { exportDirectory, importDirectoryCommand } from './file';
import { reachableStructures } from './forms';
import type { JournalPage, SearchPage } from '../verb-data';

const d = fr.directory;
const JOURNAL_PAGE = 15;

type Sub = (ctx: CommandContext, rest: string) => ReturnType<CommandHandler>;

/** The people an activity @mentions, the bot itself excepted. */
export function mentionedPeople(activity: Activity): { id: string; name: string }[] {
  return (activity.entities ?? [])
    .filter((e): e is Mention & { type: string } => e.type === 'mention')
    .map((e) => (e as Mention).mentioned)
    .filter((m) => m?.id && m.id !== activity.recipient?.id)
    .map((m) => ({ id: m.id, name: m.name ?? '' }));
}

/** `annuaire ajouter @Nom`: Teams gives the person's Entra id; the admin completes the card. */
const addMentioned: Sub = async ({ caller, activity, turn, services }) => {
  const scope = await services.directory.admin.scope(caller);
  const [mentioned] = mentionedPeople(activity);
  if (!mentioned) throw new DomainError('E_DIRECTORY_MENTION_NEEDED');
  let member;
  try {
    member = await TeamsInfo.getMember(turn, mentioned.id);
  } catch (err) {
    services.logger.warn(
      { code: 'E_DIRECTORY_MEMBER_LOOKUP', status: (err as { statusCode?: number }).statusCode },
      'member lookup failed',
    );
    throw new DomainError('E_DIRECTORY_MEMBER_LOOKUP');
  }
  if (!member.aadObjectId) throw new DomainError('E_DIRECTORY_MEMBER_LOOKUP');
  const structures = await reachableStructures(services, scope);
  const existing = await services.store.directory.getCorrespondent(member.aadObjectId);
  if (existing?.active) {
    return personCard({ aadObjectId: existing.aadObjectId, isNew: false }, structures, {
      values: { ...existing },
      message: d.forms.alreadyThere,
      color: 'Good',
    });
  }
  const values = {
    name: member.name ?? mentioned.name,
    email: member.email ?? member.userPrincipalName ?? '',
    structureId: scope.ownStructureId ?? '',
    role: '',
    phone: '',
  };
  return personCard(
    { aadObjectId: member.aadObjectId.toLowerCase(), teamsUserId: mentioned.id, isNew: true },
    structures,
    { values },
  );
};

/** `annuaire admin`: the structures and partnerships the admin looks after. */
const adminOverview: Sub = async ({ caller, services }) => {
  const scope = await services.directory.admin.scope(caller);
  const structures = (await services.store.directory.listStructures()).filter(
    (s) => scope.all || scope.structureIds.has(s.id),
  );
  const partnerships = (await services.store.directory.allPartnerships()).filter(
    (p) => scope.all || scope.partnershipIds.has(p.id),
  );
  return adminCard(structures, partnerships);
};

/** The journal card: newest first, field names only, people named as the directory knows them. */
export const journalCard = async (
  { caller, services }: Pick<CommandContext, 'caller' | 'services'>,
  offset: number,
) => {
  const { events, people } = await services.directory.journal(caller, JOURNAL_PAGE + 1, offset);
  const who = (id: string) =>
    id === 'teams'
      ? d.journal.teams
      : (people.get(id)?.name ??
        (services.config.adminIds.includes(id) ? d.journal.globalAdmin : id));
  const lines = events.slice(0, JOURNAL_PAGE).map((e) => ({
    heading: format(d.journal.line, {
      action: ownValue(d.journal.actions, e.action) ?? e.action,
      target:
        e.targetKind === 'correspondent'
          ? (people.get(e.targetId)?.name ?? e.targetId)
          : e.targetId,
      fields: e.fields.length ? ` (${e.fields.join(', ')})` : '',
    }),
    detail: `${frDateTime(e.at)} — ${who(e.actor)}`,
  }));
  return listCard(d.journal.title, {
    text: lines.length ? '' : d.journal.empty,
    lines,
    ...(events.length > JOURNAL_PAGE
      ? {
          verb: 'annuaire.journal',
          verbTitle: d.journal.more,
          verbData: { offset: offset + JOURNAL_PAGE, cardVersion: 1 },
        }
      : {}),
  });
};

const SUBCOMMANDS: ReadonlyMap<string, Sub> = routeTable<Sub>({
  ajouter: addMentioned,
  admin: adminOverview,
  boite: bindInboxHere,
  canal: bindChannelHere,
  detacher: unbindHere,
  export: exportDirectory,
  exporter: exportDirectory,
  import: importDirectoryCommand,
  importer: importDirectoryCommand,
  journal: (ctx) => journalCard(ctx, 0),
});

/** Runs a search and renders one page of it, with admin buttons where the caller may act. */
async function searchPage(
  ctx: Pick<CommandContext, 'caller' | 'services'>,
  query: string,
  page: number,
) {
  const hits = await ctx.services.directory.search(ctx.caller, query);
  const scope = await adminScopeOrNull(ctx.caller, ctx.services.store, ctx.services.config);
  return resultsCard(query, hits, page, scope);
}

/** `/annuaire [texte]`, or one of the admins' sub-commands. */
export const directoryCommand: CommandHandler = async (ctx) => {
  const [word = '', ...rest] = ctx.args.split(/\s+/);
  const sub = SUBCOMMANDS.get(fold(word).replace(/[^a-z]/g, ''));
  if (sub) return sub(ctx, rest.join(' ').trim());
  return searchPage(ctx, ctx.args.trim(), 1);
};

/** "Précédent"/"Suivant" on a results card: the same search, another page. */
export const directoryPage: VerbHandler<SearchPage> = async ({ caller, data, services }) => {
  return searchPage({ caller, services }, data.q, data.page);
};

/** "Plus anciens" on the journal card. */
export const directoryJournal: VerbHandler<JournalPage> = async ({ caller, data, services }) => {
  return journalCard({ caller, services }, data.offset);
};
