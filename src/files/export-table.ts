/**
 * One export, start to finish: build the protected table, encrypt it with a fresh open password,
 * name the file. Runs inside the file worker (worker.ts); callers use the pool.
 */
import { deriveOpenKey, encrypt, type OpenKey } from './encrypt';
import { buildNationalTable, type ExportInfo, type NationalRow } from './national-table';
import { generatePassword } from './password';
import { protectionHash, type ProtectionHash } from './protection';

/** The encrypted table and its open password (to be shown to the requester only, never logged). */
export interface ExportResult {
  file: Buffer;
  password: string;
  fileName: string;
  rowCount: number;
}

/**
 * The random material of one export. None of it depends on the rows, so the worker derives the
 * next export's secrets while idle, taking both 100,000-round hashes off the user's wait.
 */
export interface ExportSecrets {
  password: string;
  openKey: OpenKey;
  protection: ProtectionHash;
}

/** Draws an open password and a protection password, and runs their key derivations. */
export function prepareExportSecrets(): ExportSecrets {
  const password = generatePassword();
  return {
    password,
    openKey: deriveOpenKey(password),
    protection: protectionHash(generatePassword()),
  };
}

/** Builds and encrypts the national table (CPU-heavy: call it from a worker). */
export async function runExport(
  rows: readonly NationalRow[],
  info: ExportInfo,
  secrets: ExportSecrets = prepareExportSecrets(),
): Promise<ExportResult> {
  const xlsx = await buildNationalTable(rows, info, secrets.protection);
  return {
    file: encrypt(xlsx, secrets.openKey),
    password: secrets.password,
    fileName: exportFileName(info),
    rowCount: rows.length,
  };
}

/**
 * e.g. tableau-cir_mission-locale-de-villeurbanne_2026-01-01_2026-12-31.xlsx (no personal data).
 */
export function exportFileName(info: Pick<ExportInfo, 'structureName' | 'period'>): string {
  const slug =
    info.structureName
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'structure';
  return `tableau-cir_${slug}_${info.period.from}_${info.period.to}.xlsx`;
}
