/**
 * `/suivi` without argument and its pages (issue 13 §7): the structure's items in play, as a
 * neutral card (numbers, partner structures, what each waits for; never a person's data,
 * since Teams stores the message). "Ouvrir" is the request's own "Voir le détail".
 */
import { toFrDate } from '../../domain/fields';
import { listOpenItems, type OpenItem, type OpenItemsPage } from '../../domain/open-items';
import { parisToday } from '../../domain/requests';
import { format } from '../../i18n/fr';
import { frOpenItems as t } from '../../i18n/fr-open-items';
import { renderCard, type Card } from '../cards/render';
import type { BotServices, CommandContext, VerbHandler } from '../feature';
import type { Caller } from '../../domain/model';
import type { OpenItemsPageData } from '../verb-data';

async function openItemsCard(services: BotServices, caller: Caller, page: number): Promise<Card> {
  const list = await listOpenItems(
    services.store,
    caller,
    { allowedTenants: services.config.allowedTenants },
    page,
  );
  // Numbers and partner structures only (no person's data), still a read of the structure's
  // requests: one event for the page, naming what it listed.
  await services.store.audit.record({
    at: services.clock.now().toISOString(),
    actor: caller.aadObjectId,
    action: 'request.list',
    detail: `page=${list.page} items=${list.items.map((i) => i.number).join(',')}`.slice(0, 2000),
  });
  return view(services, list);
}

async function view(services: BotServices, list: OpenItemsPage): Promise<Card> {
  const names = new Map<string, string>();
  const nameOf = async (id: string): Promise<string> => {
    if (!names.has(id))
      names.set(id, (await services.store.directory.getStructure(id))?.name ?? id);
    return names.get(id)!;
  };
  const row = async (i: OpenItem) => ({
    verb: i.kind === 'fiche' ? 'liaison.voir' : 'demande.voir',
    data:
      i.kind === 'fiche' ? { ficheId: i.id, cardVersion: 1 } : { requestId: i.id, cardVersion: 1 },
    title: `${format(i.kind === 'fiche' ? t.fiche : t.item, { number: i.number })} — ${await nameOf(i.partnerId)}`,
    detail: `${t.reasons[list.side][i.reason]}, ${format(t.since, {
      date: toFrDate(parisToday(new Date(i.since))),
    })}`,
  });
  const groups = [];
  for (const waiting of ['me', 'partner'] as const) {
    const items = list.items.filter((i) => i.waiting === waiting);
    if (!items.length) continue;
    groups.push({
      heading: waiting === 'me' ? t.mineHeading : t.partnerHeading,
      items: await Promise.all(items.map(row)),
    });
  }
  return renderCard('suivi-liste', {
    title: format(t.title, { structure: await nameOf(list.structureId) }),
    summary: format(t.summary, { mine: list.mine, partner: list.partner }),
    empty: list.mine + list.partner === 0,
    groups,
    paged: list.pageCount > 1,
    pageText: format(t.pageOf, { page: list.page, pageCount: list.pageCount }),
    hasPrevious: list.page > 1,
    hasNext: list.page < list.pageCount,
    previousData: { page: list.page - 1, cardVersion: 1 },
    nextData: { page: list.page + 1, cardVersion: 1 },
    labels: t,
  });
}

/** `/suivi` typed alone. */
export function openItemsCommand({ caller, services }: CommandContext): Promise<Card> {
  return openItemsCard(services, caller, 1);
}

/** The list's page buttons. */
export const openItemsPage: VerbHandler<OpenItemsPageData> = ({ caller, data, services }) =>
  openItemsCard(services, caller, data.page);
