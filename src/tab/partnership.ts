/**
 * `GET /api/tab/partenariats/:id`: the partnership's year on one screen, for the channel's team
 * tab — committees planned and held with their records, the roadmap record, the offers of
 * service, and the bilan's figures. Members of the partnership only (its DT, MLs and DDETS, and
 * the global admins); no person's data. The bilan and the shared figures follow `/bilan`'s rule
 * (admins and DDETS): for other members they are null.
 */
import { mayReadBilan } from '../domain/bilan-access';
import { computeBilan, type BilanItem } from '../domain/bilan';
import { BILAN_SECTIONS } from '../domain/bilan-registry';
import { parisDate } from '../domain/calendar/paris-time';
import type { Caller, PartnershipRecord, StructureRecord } from '../domain/model';
import { partnershipAccess } from '../domain/partnership-access';
import { partnershipStructureIds } from '../domain/partnership-members';
import { effectiveEndDate } from '../domain/roadmap';
import { formOf } from '../domain/shared-figures';
import { calendarYear } from '../domain/stats';
import { frCommittees } from '../i18n/fr-committees';
import { frTab } from '../i18n/fr-tab';
import { countText, factText, rowLabel, titleOf } from '../teams/bilan/views';
import type { BotServices } from '../teams/feature';
import { TabError } from './http';

const notFound = () =>
  new TabError(404, 'E_PARTNERSHIP_NOT_FOUND', frTab.errors.partnershipNotFound);

/** One section per chart or fact list, as the card draws them; `share` is the part of the total. */
function sectionOf(item: BilanItem) {
  if (item.kind === 'breakdown')
    return {
      id: item.id,
      title: titleOf(item.id),
      chart: item.chart,
      total: item.total === null ? null : item.total,
      rows: item.rows.map((r) => ({
        label: rowLabel(item.id, r),
        value: countText(r),
        count: r.value,
        share: r.value !== null && item.total ? r.value / item.total : null,
      })),
    };
  return {
    id: item.id,
    title: item.title ?? titleOf(item.id),
    chart: null,
    total: null,
    rows: item.facts.map((f) => ({
      label: rowLabel(item.id, f),
      value: factText(f),
      count: f.value,
      share: null,
    })),
  };
}

export async function partnershipOverview(services: BotServices, caller: Caller, id: string) {
  const { store, config } = services;
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) throw notFound();
  // The caller's partnerships, tenant checked: another partnership does not exist for them.
  const access = (await partnershipAccess(store, caller, config.allowedTenants)).find(
    (a) => a.partnership.id === id,
  );
  if (!access) throw notFound();
  const p: PartnershipRecord = access.partnership;
  const structures = new Map<string, StructureRecord>();
  for (const sid of partnershipStructureIds(p)) {
    const s = await store.directory.getStructure(sid);
    if (s) structures.set(sid, s);
  }
  const nameOf = (sid: string) => structures.get(sid)?.name ?? sid;
  const now = services.clock.now();

  const minutes = new Map((await store.minutes.listFor(p.id)).map((m) => [m.committeeId, m]));
  const committees = (await store.committees.listFor([p.id]))
    .filter((c) => c.status === 'planned')
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const kindLabel = (k: keyof typeof frCommittees.kinds) => frCommittees.kinds[k];
  const planned = committees
    .filter((c) => c.startsAt.getTime() >= now.getTime())
    .map((c) => ({
      id: c.id,
      kind: c.kind,
      kindLabel: kindLabel(c.kind),
      date: c.startsAt.toISOString(),
      place: c.placeKind === 'place' ? c.place || null : null,
      link: c.placeKind === 'link' ? c.place || null : null,
      participants: c.participants.map(nameOf),
    }));
  const held = committees
    .filter((c) => c.startsAt.getTime() < now.getTime())
    .reverse()
    .map((c) => {
      const m = minutes.get(c.id);
      return {
        id: c.id,
        kind: c.kind,
        kindLabel: kindLabel(c.kind),
        date: c.startsAt.toISOString(),
        minutes: m
          ? {
              held: m.held,
              present: m.present.map(nameOf),
              decisions: m.decisions,
              objectives: m.objectives,
              met: m.met,
              outcome: m.outcome,
              recordedAt: m.recordedAt,
            }
          : null,
      };
    });

  const record = await store.roadmaps.get(p.id);
  const roadmap = record
    ? {
        signatories: record.signatories.map((s) => ({
          structure: nameOf(s.structureId),
          name: s.name,
          fonction: s.fonction,
        })),
        signedOn: record.signedOn,
        signedPlace: record.signedPlace,
        endDate: effectiveEndDate(record, config.accordCadreEndDate) ?? null,
        amendments: (await store.roadmaps.amendments(p.id)).map((a) => ({
          date: a.amendedOn,
          summary: a.summary,
        })),
      }
    : null;

  const offers = (await store.offers.listFor([p.dtId, ...p.mlIds])).map((o) => ({
    id: o.id,
    title: o.title,
    structure: nameOf(o.structureId),
    summary: o.audience,
    referral: o.referral,
    contact: o.contact,
    link: o.link,
    pdf: o.fileName ? services.offers.pdfLink(o.id) : null,
  }));

  const structureKind = caller.person
    ? ((await store.directory.getStructure(caller.person.structureId))?.kind ?? null)
    : null;
  const year = Number(parisDate(now).slice(0, 4));
  let bilan = null;
  let sharedFigures = null;
  if (mayReadBilan({ admin: access.admin, structureKind })) {
    const period = calendarYear(year);
    const computed = await computeBilan(BILAN_SECTIONS, {
      repo: store,
      partnership: p,
      structures: [...structures.values()],
      year,
      period,
      referentials: services.referentials,
      figuresForms: services.records.forms,
    });
    bilan = {
      year,
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      sections: computed.sections.flatMap((s) => s.items.map(sectionOf)),
    };
    sharedFigures = (await store.sharedFigures.listFor(p.id, year)).map((f) => {
      const form = formOf(services.records.forms, structures.get(f.structureId)?.kind ?? '');
      return {
        structure: nameOf(f.structureId),
        year: f.year,
        rows: Object.entries(f.figures).map(([key, value]) => ({
          label: form?.fields.find((x) => x.id === key)?.label ?? key,
          value,
        })),
      };
    });
  }
  await store.audit.record({
    at: now.toISOString(),
    actor: caller.aadObjectId,
    action: 'tab.partenariat.lire',
    detail: `partnership ${p.id}`,
  });
  return {
    partnership: { id: p.id, name: p.name ?? p.id },
    isAdmin: access.admin,
    committees: { planned, held },
    roadmap,
    offers,
    bilan,
    sharedFigures,
  };
}
