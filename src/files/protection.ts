/**
 * Sheet and workbook protection of the national table: every cell locked, no row or column
 * inserted or deleted, no formatting, sorting or filtering, no sheet added, renamed or removed.
 * This is not a security boundary (DESIGN.md §7: it can be removed in seconds; the open
 * password is the real protection), but it keeps a partner from amending the table by mistake.
 */
import { createHash, randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import type { Worksheet } from 'exceljs';

/** Excel's own spin count for protection hashes. */
export const PROTECTION_SPIN_COUNT = 100_000;

/** An ISO/IEC 29500 password hash, as sheetProtection and workbookProtection carry it. */
export interface ProtectionHash {
  algorithmName: 'SHA-512';
  hashValue: string;
  saltValue: string;
  spinCount: number;
}

/**
 * Hashes a protection password (ISO/IEC 29500-1 §18.2.29): H0 = SHA-512(salt ‖ UTF-16LE(pw)),
 * Hn = SHA-512(Hn-1 ‖ LE32(n)). Computed once per file and shared by both sheets and the
 * workbook, because exceljs's own protect() repeats the 100,000 rounds per sheet.
 */
export function protectionHash(
  password: string,
  spinCount = PROTECTION_SPIN_COUNT,
): ProtectionHash {
  const salt = randomBytes(16);
  let hash = createHash('sha512').update(salt).update(Buffer.from(password, 'utf16le')).digest();
  const iterator = Buffer.alloc(4);
  for (let i = 0; i < spinCount; i += 1) {
    iterator.writeUInt32LE(i, 0);
    hash = createHash('sha512').update(hash).update(iterator).digest();
  }
  return {
    algorithmName: 'SHA-512',
    hashValue: hash.toString('base64'),
    saltValue: salt.toString('base64'),
    spinCount,
  };
}

/**
 * exceljs's sheetProtection model. Its attributes mean "allowed" when true, and it only writes
 * objects="1" / scenarios="1" (locked) when they are explicitly false, so every flag is spelled.
 */
interface SheetProtectionModel extends ProtectionHash {
  sheet: true;
  objects: false;
  scenarios: false;
  selectLockedCells: true;
  selectUnlockedCells: true;
  formatCells: false;
  formatColumns: false;
  formatRows: false;
  insertColumns: false;
  insertRows: false;
  insertHyperlinks: false;
  deleteColumns: false;
  deleteRows: false;
  sort: false;
  autoFilter: false;
  pivotTables: false;
}

/** Locks a worksheet with a precomputed hash (reading and selecting stay possible). */
export function lockWorksheet(sheet: Worksheet, hash: ProtectionHash): void {
  const model: SheetProtectionModel = {
    sheet: true,
    ...hash,
    objects: false,
    scenarios: false,
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatCells: false,
    formatColumns: false,
    formatRows: false,
    insertColumns: false,
    insertRows: false,
    insertHyperlinks: false,
    deleteColumns: false,
    deleteRows: false,
    sort: false,
    autoFilter: false,
    pivotTables: false,
  };
  // worksheet.protect() would hash the password again (100,000 slow rounds per sheet); the
  // model it fills is this property, which exceljs's typings do not declare.
  (sheet as unknown as { sheetProtection: SheetProtectionModel }).sheetProtection = model;
}

/**
 * Adds <workbookProtection lockStructure="1"> to xl/workbook.xml (exceljs cannot write it), so
 * no sheet can be added, removed, renamed, hidden or moved. Unchanged entries keep their
 * compressed bytes, so this costs milliseconds.
 */
export async function lockWorkbookStructure(xlsx: Buffer, hash: ProtectionHash): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const entry = zip.file('xl/workbook.xml');
  if (!entry) throw new Error('workbook.xml missing from the generated package');
  const xml = await entry.async('string');
  const element =
    `<workbookProtection workbookAlgorithmName="${hash.algorithmName}" ` +
    `workbookHashValue="${hash.hashValue}" workbookSaltValue="${hash.saltValue}" ` +
    `workbookSpinCount="${hash.spinCount}" lockStructure="1"/>`;
  // CT_Workbook's sequence: fileVersion, fileSharing, workbookPr, workbookProtection, bookViews…
  const anchor = ['<bookViews', '<sheets'].map((tag) => xml.indexOf(tag)).find((at) => at >= 0);
  if (anchor === undefined) throw new Error('workbook.xml has no <sheets> element');
  const locked = xml.slice(0, anchor) + element + xml.slice(anchor);
  zip.file('xl/workbook.xml', locked);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
