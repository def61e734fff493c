/**
 * The people of the load-and-fault bench (faults.bench.ts): D DTs with their correspondents, one
 * Mission Locale per DT with its advisors, one partnership per pair, written as a directory file.
 * Each DT's cards go to its correspondents' personal chats, and Teams lets a bot send about two
 * messages a second to one chat: spreading the load over several DTs is what lets the cards keep
 * up with the submits.
 */
import { writeFileSync } from 'node:fs';
import { TENANT_ML, TENANT_OFII, type Persona } from '../test/helpers/teams';

export interface Seat {
  persona: Persona;
  /** The DT of the partnership: where the advisor's requests go, or the correspondent's own. */
  dtId: string;
}

export interface Cast {
  advisors: Seat[];
  correspondents: Seat[];
  dts: string[];
}

const personaOf = (prefix: string, i: number, name: string, tenantId: string): Persona => {
  const aadObjectId = `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return { aadObjectId, teamsId: `29:${aadObjectId}-teams`, name, tenantId };
};

/** `advisors` and `correspondents` dealt round-robin over `dts` partnerships. */
export function castOf(advisors: number, correspondents: number, dts: number): Cast {
  const ids = Array.from({ length: dts }, (_, k) => `dt-${k}`);
  return {
    dts: ids,
    advisors: Array.from({ length: advisors }, (_, i) => ({
      persona: personaOf('aaaaaaaa', i, `Conseiller ${i + 1}`, TENANT_ML),
      dtId: ids[i % dts],
    })),
    correspondents: Array.from({ length: correspondents }, (_, i) => ({
      persona: personaOf('bbbbbbbb', i, `Correspondant ${i + 1}`, TENANT_OFII),
      dtId: ids[i % dts],
    })),
  };
}

const mlOf = (dtId: string) => dtId.replace(/^dt-/, 'ml-');

/** The directory file the bot loads at start-up (DIRECTORY_FILE). */
export function writeCastDirectory(file: string, cast: Cast): void {
  const departement = (k: number) => String(10 + k);
  const structures = cast.dts.flatMap((dtId, k) => [
    {
      id: dtId,
      kind: 'DT',
      name: `DT OFII ${k + 1}`,
      departements: [departement(k)],
      tenantId: TENANT_OFII,
    },
    {
      id: mlOf(dtId),
      kind: 'ML',
      name: `Mission Locale ${k + 1}`,
      departements: [departement(k)],
      tenantId: TENANT_ML,
    },
  ]);
  const correspondents = [
    ...cast.correspondents.map((s) => ({
      aadObjectId: s.persona.aadObjectId,
      structureId: s.dtId,
      role: 'correspondant',
      name: s.persona.name,
    })),
    ...cast.advisors.map((s) => ({
      aadObjectId: s.persona.aadObjectId,
      structureId: mlOf(s.dtId),
      role: 'conseiller',
      name: s.persona.name,
    })),
  ];
  const partnerships = cast.dts.map((dtId) => ({
    id: `p-${dtId}`,
    dtId,
    mlIds: [mlOf(dtId)],
  }));
  writeFileSync(file, JSON.stringify({ structures, correspondents, partnerships }));
}
