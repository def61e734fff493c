/**
 * The demo's data for `npm run dev` (issue 18 §3), written through the domain services as a
 * person would (never raw SQL), in local mode only:
 *
 * - `--bind-channel <serviceUrl>`: the demo partnership's channel is "Coordination partenariat",
 *   the channel of the admin's Playground (demo/playground/admin.yml), so that committee
 *   announcements and reminders show without the binding command;
 * - `--seed`: a few requests in each status, a fiche de liaison, a committee and an offer.
 *
 * Both are idempotent: what exists already (found by its n° CIR or its form id) is left alone.
 * scripts/dev.ts runs this before it starts the bot, on the same database.
 */
import { existsSync } from 'node:fs';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { normalizeCir } from '../src/domain/fields';
import type { Caller } from '../src/domain/model';
import { createLogger } from '../src/logger';

/** The demo directory's people and the admin Playground's channel (demo/playground/admin.yml). */
export const DEMO = {
  partnershipId: 'rhone',
  mlId: 'ml-villeurbanne',
  dtId: 'dt-lyon',
  advisor: '5e1f0000-0000-4000-8000-00000000a001',
  correspondent: '5e1f0000-0000-4000-8000-00000000d001',
  admin: '5e1f0000-0000-4000-8000-00000000ad01',
  botId: '28:00000000-0000-4000-8000-00000000b07a',
  teamId: '19:demo-partenariat-rhone-admin@thread.tacv2',
  channelId: '19:demo-coordination-partenariat@thread.tacv2',
};

/** The seeded requests: one per status, found again by their (fictitious) n° CIR. */
export const SEED_REQUESTS = [
  {
    cir: 'DEMO-0001',
    status: 'transmise',
    civilite: 'Mme',
    nom: 'Moreau',
    prenom: 'Inès',
    age: 19,
  },
  {
    cir: 'DEMO-0002',
    status: 'completee',
    civilite: 'M.',
    nom: 'Diallo',
    prenom: 'Moussa',
    age: 22,
  },
  {
    cir: 'DEMO-0003',
    status: 'cloturee',
    civilite: 'Mme',
    nom: 'Petrova',
    prenom: 'Anna',
    age: 24,
  },
  { cir: 'DEMO-0004', status: 'annulee', civilite: 'M.', nom: 'Haddad', prenom: 'Sami', age: 18 },
] as const;

export const SEED_FORM_IDS = {
  fiche: 'dev-seed-fiche-1',
  committee: 'dev-seed-comite-1',
  offer: 'dev-seed-offre-1',
};

/** What a run created (zero everywhere on a second run). */
export interface SeedReport {
  requests: number;
  fiches: number;
  committees: number;
  offers: number;
  channelBound: boolean;
}

class SeedError extends Error {}

/** The demo person as the services see them (local mode: no token, the directory's tenant). */
async function callerFor(app: App, aadObjectId: string): Promise<Caller> {
  const person = (await app.store.directory.getCorrespondent(aadObjectId)) ?? null;
  if (!person) throw new SeedError(`${aadObjectId} is not in the directory: load the demo one`);
  const structure = await app.store.directory.getStructure(person.structureId);
  return {
    aadObjectId,
    tenantId: structure?.tenantId ?? '',
    teamsUserId: '',
    name: person.name,
    person,
    isGlobalAdmin: app.config.adminIds.includes(aadObjectId),
    structureTenantId: structure?.tenantId ?? null,
    localMode: true,
  };
}

/** A birth date `age` years ago (Paris calendar is close enough for ages 18–24). */
function bornYearsAgo(app: App, age: number): string {
  const now = app.services.clock.now();
  return `${now.getUTCFullYear() - age}-03-14`;
}

function check(what: string, result: { ok: boolean }): void {
  if (!result.ok) throw new SeedError(`${what} was refused: ${JSON.stringify(result)}`);
}

async function seedRequests(app: App): Promise<number> {
  const s = app.services;
  const advisor = await callerFor(app, DEMO.advisor);
  const dt = await callerFor(app, DEMO.correspondent);
  let created = 0;
  for (const r of SEED_REQUESTS) {
    const cir = normalizeCir(r.cir);
    if ((await app.store.requests.findByCir(cir, DEMO.mlId, 1)).length) continue;
    const made = await s.requests.create(
      advisor,
      {
        civilite: r.civilite,
        nom: r.nom,
        prenom: r.prenom,
        dateNaissance: bornYearsAgo(app, r.age),
        numeroCir: r.cir,
        motif: 'ajustement',
        dtId: DEMO.dtId,
      },
      { conversationId: '', activityId: null, reference: {} },
    );
    check(`request ${r.cir}`, made);
    if (!made.ok) continue;
    created++;
    const requestId = made.request.id;
    if (r.status === 'annulee') {
      const cancelled = await s.requestLife.cancel(advisor, {
        requestId,
        motifAnnulation: 'doublon',
      });
      if (cancelled.kind === 'invalid') throw new SeedError(`cancelling ${r.cir} was refused`);
      continue;
    }
    if (r.status === 'transmise') continue;
    check(
      `answer to ${r.cir}`,
      await s.requests.answer(dt, {
        requestId,
        positionnementLinguistique: 'INF_A2',
        prescriptionInitiale: 'FL_600',
        heuresFL: 120,
        journeesFC: 2,
      }),
    );
    if (r.status === 'cloturee')
      check(
        `prescription of ${r.cir}`,
        await s.pathway.prescribe(advisor, { requestId, prescriptionML: 'CEJ' }),
      );
  }
  return created;
}

async function seedFiche(app: App): Promise<number> {
  if (await app.store.fiches.getBySource(`liaison-form|${SEED_FORM_IDS.fiche}`)) return 0;
  const dt = await callerFor(app, DEMO.correspondent);
  const saved = await app.services.liaison.service.create(
    dt,
    {
      civilite: 'Mme',
      nom: 'Nguyen',
      prenom: 'Linh',
      dateNaissance: bornYearsAgo(app, 21),
      numeroCir: 'DEMO-0005',
      residence: '69100',
      mlId: DEMO.mlId,
      formId: SEED_FORM_IDS.fiche,
    },
    { conversationId: '', activityId: null, reference: {} },
  );
  check('the fiche de liaison', saved);
  return 1;
}

async function seedCommittee(app: App): Promise<number> {
  if (await app.store.committees.getBySource(`plan:${SEED_FORM_IDS.committee}`)) return 0;
  const admin = await callerFor(app, DEMO.admin);
  const day = new Date(app.services.clock.now().getTime() + 21 * 86_400_000);
  const planned = await app.services.committees.plan(admin, {
    partnershipId: DEMO.partnershipId,
    formId: SEED_FORM_IDS.committee,
    kind: 'COTECH',
    date: day.toISOString().slice(0, 10),
    time: '10:00',
    place: 'DT OFII de Lyon, salle 2',
    agenda: '1. Demandes en cours\n2. Fiches de liaison\n3. Offres de service',
    participants: `${DEMO.dtId},${DEMO.mlId},ml-bourg-en-bresse`,
  });
  check('the committee', planned);
  return 1;
}

async function seedOffer(app: App): Promise<number> {
  if (await app.store.offers.getBySource(`${DEMO.advisor}:${SEED_FORM_IDS.offer}`)) return 0;
  const advisor = await callerFor(app, DEMO.advisor);
  const saved = await app.services.offers.service.save(advisor, {
    offerId: '',
    formId: SEED_FORM_IDS.offer,
    titre: 'Garantie jeunes et CEJ à Villeurbanne',
    public: 'Jeunes de 16 à 25 ans signataires du CIR, sortis de la formation linguistique',
    orienter: 'Tapez « demande CIR » ; la conseillère rappelle sous 8 jours.',
    contact: 'Accueil de la Mission Locale, 04 00 00 00 20',
    lien: 'https://ml-villeurbanne.example.org/cej',
  });
  check('the offer', saved);
  return 1;
}

/**
 * Binds the demo partnership's channel and stores where the bot writes to it (the admin
 * Playground's connector); a channel already bound there is left alone.
 */
async function bindChannel(app: App, serviceUrl: string): Promise<boolean> {
  const partnership = await app.store.directory.getPartnership(DEMO.partnershipId);
  if (!partnership) throw new SeedError(`no partnership "${DEMO.partnershipId}" in the directory`);
  const structure = await app.store.directory.getStructure(DEMO.dtId);
  // The bot replaces this reference with the Playground's own when the channel is opened.
  await app.store.references.save(
    'conversation',
    DEMO.channelId,
    {
      serviceUrl,
      channelId: 'msteams',
      bot: { id: DEMO.botId, name: 'Passerelle CIR' },
      conversation: {
        id: DEMO.channelId,
        conversationType: 'channel',
        isGroup: true,
        tenantId: structure?.tenantId?.toLowerCase() ?? '',
      },
    },
    app.services.clock.now().toISOString(),
  );
  if (partnership.channelConversationId === DEMO.channelId) return false;
  await app.services.directory.bindings.bindChannel(
    await callerFor(app, DEMO.admin),
    DEMO.partnershipId,
    { conversationId: DEMO.channelId, teamId: DEMO.teamId, conversationType: 'channel' },
  );
  return true;
}

/** Binds the channel and seeds, as asked; refuses outside local mode. */
export async function prepareDemo(
  app: App,
  o: { seed: boolean; channelServiceUrl?: string },
): Promise<SeedReport> {
  if (!app.config.local)
    throw new SeedError(
      'the demo seed runs in local mode only (PASSERELLE_LOCAL=1): it would write demo people into a real database',
    );
  const report: SeedReport = {
    requests: 0,
    fiches: 0,
    committees: 0,
    offers: 0,
    channelBound: false,
  };
  // The channel first: the seeded committee's announcement goes there.
  if (o.channelServiceUrl) report.channelBound = await bindChannel(app, o.channelServiceUrl);
  if (!o.seed) return report;
  report.requests = await seedRequests(app);
  report.fiches = await seedFiche(app);
  report.committees = await seedCommittee(app);
  report.offers = await seedOffer(app);
  return report;
}

async function main(argv: string[]): Promise<void> {
  const seed = argv.includes('--seed');
  const at = argv.indexOf('--bind-channel');
  const channelServiceUrl = at >= 0 ? argv[at + 1] : undefined;
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  if (!config.local)
    throw new SeedError('the demo seed runs in local mode only (PASSERELLE_LOCAL=1)');
  const app = await createApp(config, {
    logger: createLogger('warn'),
    warmFileWorkers: false,
  });
  try {
    const r = await prepareDemo(app, { seed, channelServiceUrl });
    if (channelServiceUrl)
      console.log(
        r.channelBound
          ? '[dev] channel « Coordination partenariat » bound to the partnership « Partenariat Rhône ».'
          : '[dev] channel « Coordination partenariat » already bound.',
      );
    if (seed)
      console.log(
        `[dev] demo seed: ${r.requests} request(s), ${r.fiches} fiche(s) de liaison, ${r.committees} committee(s), ${r.offers} offer(s) created` +
          (r.requests + r.fiches + r.committees + r.offers ? '.' : ' (all there already).'),
      );
  } finally {
    await app.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`[dev] demo seed failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
