/** Loads a directory file into storage, idempotently: loading it twice changes nothing. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseDirectoryFile, type DirectoryFile } from './directory';
import type { Clock } from './model';
import { contactOfFileEntry } from './liaison';
import type { Store } from '../storage/store';

export class DirectoryFileError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: string[],
  ) {
    super(`invalid directory file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads and checks the file; throws DirectoryFileError naming each bad entry. `requireTenant`
 * (outside local mode): every structure must name its Microsoft 365 tenant.
 */
export function readDirectoryFile(
  file: string,
  o: { requireTenant?: boolean } = {},
): DirectoryFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DirectoryFileError(file, [`(file): ${(err as Error).message}`]);
  }
  const parsed = parseDirectoryFile(raw);
  if (!parsed.ok) throw new DirectoryFileError(file, parsed.problems);
  if (o.requireTenant) {
    const problems = parsed.value.structures.flatMap((s, i) =>
      s.tenantId
        ? []
        : [`structures.${i}.tenantId: required outside local mode ("${s.id}" has no tenant id)`],
    );
    if (problems.length) throw new DirectoryFileError(file, problems);
  }
  return parsed.value;
}

/**
 * Upserts every entry of the directory in one transaction, once per content of the file: the
 * file bootstraps the directory, then admins manage it in Teams, and a restart must not undo
 * their changes (a removed person reactivated, a renamed structure renamed back). Changing the
 * file applies it again.
 */
export async function applyDirectory(
  store: Store,
  dir: DirectoryFile,
  clock: Clock,
): Promise<void> {
  const at = clock.now().toISOString();
  const hash = createHash('sha256').update(JSON.stringify(dir)).digest('hex');
  await store.transaction(async (tx) => {
    if (!(await tx.directory.markFileApplied(hash, at))) return;
    for (const s of dir.structures) {
      await tx.directory.upsertStructure({ ...s, tenantId: s.tenantId ?? null }, at);
      await tx.structureContacts.set(s.id, contactOfFileEntry(s), at);
    }
    for (const c of dir.correspondents) {
      await tx.directory.upsertCorrespondent(
        { ...c, email: c.email ?? null, phone: c.phone ?? null },
        at,
      );
    }
    for (const p of dir.partnerships)
      await tx.directory.upsertPartnership(
        { ...p, name: p.name ?? null, ddetsId: p.ddetsId ?? null },
        at,
      );
  });
}
