/**
 * `aide` and the greeting by role (issue 18 §1): each person sees the commands the access rules
 * (domain/command-access.ts) let them use, in the order they will use them; administrators get
 * a second, titled section for the directory's sub-commands.
 */
import {
  administers,
  belongsToPartnership,
  followUpSide,
  mayExportTable,
  mayFillFiche,
  mayImportTable,
  mayOpenRequest,
  mayReadBilanOf,
  profileOf,
  type Profile,
} from '../domain/command-access';
import type { Caller } from '../domain/model';
import type { Store } from '../storage/store';
import { fr } from '../i18n/fr';
import type { HelpKey } from '../i18n/fr-help';
import { renderCard, type Card } from './cards/render';

/** Who may use each help line: the same rules the services refuse with. */
const MAY: Record<HelpKey, (p: Profile) => boolean> = {
  demande: mayOpenRequest,
  suivi: (p) => followUpSide(p) !== null,
  suiviNumero: (p) => followUpSide(p) !== null,
  liaison: mayFillFiche,
  tableau: mayExportTable,
  importer: mayImportTable,
  annuaire: belongsToPartnership,
  offres: belongsToPartnership,
  comite: belongsToPartnership,
  partenariat: belongsToPartnership,
  bilan: mayReadBilanOf,
  aide: () => true,
  annuaireAjouter: administers,
  annuaireAdmin: administers,
  annuaireBoite: administers,
  annuaireCanal: administers,
  annuaireDetacher: administers,
  annuaireFichier: administers,
  annuaireJournal: administers,
  journal: administers,
};

/** The directory's administration, shown in its own section. */
const ADMIN_SECTION: HelpKey[] = [
  'annuaireAdmin',
  'annuaireAjouter',
  'annuaireCanal',
  'annuaireBoite',
  'annuaireDetacher',
  'annuaireFichier',
  'annuaireJournal',
  'journal',
];

/** The order of use: an advisor opens requests, a correspondent answers them, others follow. */
const ORDER: Record<'conseiller' | 'correspondant' | 'other', HelpKey[]> = {
  conseiller: [
    'demande',
    'suivi',
    'suiviNumero',
    'tableau',
    'importer',
    'offres',
    'annuaire',
    'comite',
    'partenariat',
    'aide',
  ],
  correspondant: [
    'suivi',
    'suiviNumero',
    'liaison',
    'tableau',
    'importer',
    'annuaire',
    'offres',
    'comite',
    'partenariat',
    'bilan',
    'aide',
  ],
  other: [
    'suivi',
    'suiviNumero',
    'comite',
    'bilan',
    'partenariat',
    'offres',
    'annuaire',
    'tableau',
    'importer',
    'aide',
  ],
};

/** The caller's profile: their directory role and structure kind, and ADMIN_IDS. */
export async function callerProfile(store: Store, caller: Caller): Promise<Profile> {
  const person = caller.person?.active ? caller.person : null;
  const structure = person ? await store.directory.getStructure(person.structureId) : null;
  return profileOf(person, structure, caller.isGlobalAdmin);
}

/** The help lines a profile may use: common ones in order of use, then the admin section. */
export function helpKeys(p: Profile): { common: HelpKey[]; admin: HelpKey[] } {
  const order = mayOpenRequest(p)
    ? ORDER.conseiller
    : mayFillFiche(p)
      ? ORDER.correspondant
      : ORDER.other;
  return {
    common: order.filter((k) => MAY[k](p)),
    admin: ADMIN_SECTION.filter((k) => MAY[k](p)),
  };
}

/** The help card for this person. */
export function helpCard(p: Profile): Card {
  const h = fr.commands.help;
  const { common, admin } = helpKeys(p);
  const known = p.role !== null || p.globalAdmin;
  const lines = (keys: HelpKey[]) =>
    keys.map((k) => ({ command: h.lines[k][0], help: h.lines[k][1] }));
  return renderCard('aide', {
    title: h.title,
    intro: known ? h.intro : h.outsiderIntro,
    commands: lines(common),
    adminTitle: admin.length ? h.adminTitle : '',
    adminIntro: h.adminIntro,
    adminCommands: lines(admin),
  });
}

/** The greeting's one sentence on what this person can do first. */
export function greetingText(p: Profile): string {
  const g = fr.commands.help.greeting;
  const first = mayOpenRequest(p)
    ? g.conseiller
    : mayFillFiche(p)
      ? g.correspondant
      : administers(p)
        ? g.admin
        : p.structureKind === 'DDETS'
          ? g.ddets
          : p.role
            ? g.known
            : g.outsider;
  return `${g.hello} ${first}`;
}
