/** The DDETS of the test directory (test/fixtures/directory-ddets.json), issue 14 §1. */
import { join } from 'node:path';
import { TENANT_OFII, type Persona } from './teams';

export const DDETS_DIRECTORY = join(__dirname, '..', 'fixtures', 'directory-ddets.json');

const persona = (aadObjectId: string, name: string): Persona => ({
  aadObjectId,
  name,
  tenantId: TENANT_OFII,
  teamsId: `29:${aadObjectId}-teams`,
});

export const ddetsPeople = {
  /** A DDETS `correspondant`: reads, never edits. */
  agent: persona('abcdef00-0000-4000-8000-000000000001', 'Agent DDETS'),
  /** A DDETS `admin`: an admin of the Rhône partnership. */
  coordinator: persona('abcdef00-0000-4000-8000-000000000002', 'Coordinatrice DDETS'),
};
