/**
 * Reads a zip's central directory without inflating anything, so that an upload can be refused
 * on its declared content (not an xlsx, or a "zip bomb" that would inflate to gigabytes) before
 * exceljs decompresses it in memory.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipListing {
  entries: ZipEntry[];
  totalUncompressed: number;
}

/** True when the bytes start like a zip archive (which an xlsx is). */
export function looksLikeZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === LOCAL_SIGNATURE;
}

/** The entries of a zip archive, or null when its central directory cannot be read. */
export function listZip(bytes: Buffer): ZipListing | null {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= floor; at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  const offset = bytes.readUInt32LE(eocd + 16);
  // 0xFFFF / 0xFFFFFFFF announce zip64, which no spreadsheet of our size needs.
  if (count === 0xffff || offset === 0xffffffff || offset >= bytes.length) return null;

  const entries: ZipEntry[] = [];
  let totalUncompressed = 0;
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_SIGNATURE) return null;
    const compressedSize = bytes.readUInt32LE(at + 20);
    const uncompressedSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > bytes.length) return null;
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, compressedSize, uncompressedSize });
    totalUncompressed += uncompressedSize;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, totalUncompressed };
}
