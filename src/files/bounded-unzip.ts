/**
 * Inflates an uploaded zip archive (an xlsx is one) under hard caps, counting the bytes actually
 * produced: a zip's declared sizes are claims made by whoever built the file. Built on yauzl,
 * which reads the central directory and, with `validateEntrySizes`, errors a part's stream as soon
 * as it produces more (or fewer) bytes than the part declares; the declared sizes are checked
 * against the caps first, so a part is stopped at its declared size, which is under the cap.
 * yauzl does not check CRC-32: done here on the bytes produced.
 */
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { FileError, type DamageReason } from '../domain/errors';

/** Caps on one archive: parts, inflated bytes per part and inflated bytes in all. */
export interface UnzipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** True when the bytes start like a zip archive (a local file header: "PK\3\4"). */
export function startsLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && LOCAL_HEADER.equals(bytes.subarray(0, 4));
}

/**
 * The archive's parts by name, inflated. Throws E_IMPORT_UNZIPPED_TOO_LARGE when the parts
 * (declared or produced) pass a cap, and E_IMPORT_DAMAGED when the archive cannot be trusted.
 * At most `maxTotalBytes` plus one inflate chunk is ever held.
 */
export async function unzipBounded(zip: Buffer, limits: UnzipLimits): Promise<Map<string, Buffer>> {
  let archive: yauzl.ZipFile;
  try {
    archive = await yauzl.fromBufferPromise(zip, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    // No end-of-central-directory record, or one that points outside the file.
    throw damaged('truncated');
  }
  if (archive.entryCount > limits.maxEntries) {
    throw new FileError('E_IMPORT_UNZIPPED_TOO_LARGE', {
      maxEntries: limits.maxEntries,
      entries: archive.entryCount,
    });
  }
  const entries = await listEntries(archive);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const overPart = entries.some((e) => e.uncompressedSize > limits.maxEntryBytes);
  if (declared > limits.maxTotalBytes || overPart) throw tooLarge(limits, declared);

  const parts = new Map<string, Buffer>();
  let total = 0;
  for (const entry of entries) {
    const chunks: Buffer[] = [];
    let size = 0;
    let crc = 0;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await archive.openReadStreamPromise(entry);
    } catch {
      throw damaged('structure');
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        total += chunk.length;
        // A backstop (yauzl already stops a part at its declared size, checked above): counted
        // here on what was produced. Leaving the loop destroys the stream, inflating stops.
        if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
          throw tooLarge(limits, total);
        }
        crc = crc32(chunk, crc);
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof FileError) throw error;
      throw damaged(streamDamage(error));
    }
    if (crc >>> 0 !== entry.crc32 >>> 0) throw damaged('crc');
    parts.set(entry.fileName, Buffer.concat(chunks, size));
  }
  return parts;
}

/** The file parts of the central directory (folders left out), refusing ambiguous archives. */
async function listEntries(archive: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  const names = new Set<string>();
  try {
    for await (const entry of archive.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      // Two parts of one name (OOXML compares names without case): readers disagree on which
      // one counts, so the archive is refused.
      const key = entry.fileName.toLowerCase();
      if (names.has(key) || !entry.canDecodeFileData()) throw damaged('structure');
      names.add(key);
      entries.push(entry);
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw damaged('structure');
  }
  return entries;
}

/** yauzl's size validation and zlib's errors, told apart for the operator's log. */
function streamDamage(error: unknown): DamageReason {
  const message = error instanceof Error ? error.message : '';
  if (/too many bytes|not enough bytes/.test(message)) return 'size';
  if (/unexpected end/i.test(message)) return 'truncated';
  return 'structure';
}

function tooLarge(limits: UnzipLimits, bytes: number): FileError {
  return new FileError('E_IMPORT_UNZIPPED_TOO_LARGE', {
    maxUnzippedBytes: limits.maxTotalBytes,
    unzippedBytes: bytes,
  });
}

function damaged(reason: DamageReason): FileError {
  return new FileError('E_IMPORT_DAMAGED', { reason });
}
