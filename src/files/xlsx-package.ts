/**
 * Opens an uploaded workbook for reading. exceljs hands the file to JSZip, which trusts the zip's
 * declared sizes; so the parts are inflated first by the upload guard, under its caps, checked,
 * and exceljs reads a stored (uncompressed) copy of exactly those bytes: it never inflates
 * anything itself, and it cannot see another central directory than the one that was checked.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { startsLikeZip } from './bounded-unzip';
import { FileError } from '../domain/errors';
import { unzipUpload, type UploadLimit } from './upload-guard';

/** A DTD declaration, in each encoding OOXML allows (UTF-8, UTF-16 either way). */
const DOCTYPES = [
  Buffer.from('<!DOCTYPE', 'latin1'),
  Buffer.from('<!DOCTYPE', 'utf16le'),
  Buffer.from('<!DOCTYPE', 'utf16le').swap16(),
];

/** The workbook of an xlsx package; throws FileError when it is not one or cannot be trusted. */
export async function loadXlsx(xlsx: Buffer, limit: UploadLimit): Promise<ExcelJS.Workbook> {
  if (!startsLikeZip(xlsx)) throw new FileError('E_IMPORT_NOT_XLSX');
  const parts = await unzipUpload(limit, xlsx);
  if (!parts.has('xl/workbook.xml')) throw new FileError('E_IMPORT_NOT_XLSX');
  const stored = new JSZip();
  for (const [name, data] of parts) {
    // OOXML forbids DTDs (ECMA-376 Part 2, rule M1.18): one can only serve entity expansion.
    if (/\.(xml|rels)$/i.test(name) && DOCTYPES.some((d) => data.includes(d))) {
      throw new FileError('E_IMPORT_DAMAGED', { reason: 'dtd' });
    }
    stored.file(name, data, { binary: true, createFolders: false });
  }
  parts.clear();
  const copy = await stored.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as ArrayBuffer, but hands it to JSZip, which reads a Node Buffer.
    await workbook.xlsx.load(copy as unknown as ExcelJS.Buffer);
  } catch {
    throw new FileError('E_IMPORT_NOT_XLSX');
  }
  return workbook;
}
