/**
 * Hostile uploads, built in memory for the tests and the benchmark (never committed): zips that
 * lie about their sizes or checksums, cut short, or a worksheet padded with whitespace that
 * inflates far beyond what the zip declares. A small zip writer, because zip libraries refuse
 * to write a lie.
 */
import { once } from 'node:events';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

/** One part of a zip as written: its stored bytes and what the headers say about them. */
export interface ZipPart {
  name: string;
  /** The bytes stored in the archive (deflated when method is 8). */
  stored: Buffer;
  method: 0 | 8;
  crc32: number;
  /** Uncompressed size written in both headers (the truth, or a lie). */
  declaredSize: number;
}

/** A deflated part whose headers tell the truth, unless `lie` says otherwise. */
export function deflatedPart(
  name: string,
  content: Buffer,
  lie: Partial<Pick<ZipPart, 'crc32' | 'declaredSize'>> = {},
): ZipPart {
  return {
    name,
    stored: deflateRawSync(content),
    method: 8,
    crc32: crc32(content),
    declaredSize: content.length,
    ...lie,
  };
}

/** Writes parts as a zip archive: local headers, data, central directory, end record. */
export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(p.method, 8);
    local.writeUInt16LE(0x21, 12); // 1 Jan 1980
    local.writeUInt32LE(p.crc32 >>> 0, 14);
    local.writeUInt32LE(p.stored.length, 18);
    local.writeUInt32LE(p.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(p.method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(p.crc32 >>> 0, 16);
    central.writeUInt32LE(p.stored.length, 20);
    central.writeUInt32LE(p.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.stored);
    centrals.push(central, name);
    offset += local.length + name.length + p.stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a genuine xlsx (e.g. one exceljs wrote), as truthful deflated zip parts. */
export async function partsOf(xlsx: Buffer): Promise<ZipPart[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const parts: ZipPart[] = [];
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) parts.push(deflatedPart(entry.name, await entry.async('nodebuffer')));
  }
  return parts;
}

/**
 * Replaces one part of a genuine xlsx (its content, or what its headers claim) and writes the zip.
 */
export async function alterXlsx(
  xlsx: Buffer,
  name: string,
  change: (part: ZipPart) => ZipPart,
): Promise<Buffer> {
  const parts = await partsOf(xlsx);
  const at = parts.findIndex((p) => p.name === name);
  if (at < 0) throw new Error(`no part ${name}`);
  parts[at] = change(parts[at]);
  return writeZip(parts);
}

/**
 * The zip bomb: a genuine xlsx whose first worksheet is followed by `paddingBytes` of
 * whitespace before `</worksheet>`, deflated as a stream (never held inflated), its headers
 * declaring `declaredSize` bytes. With 1.2 GB of padding the file is about 1.2 MB.
 */
export async function paddedWorksheetXlsx(
  xlsx: Buffer,
  paddingBytes: number,
  declaredSize?: number,
): Promise<Buffer> {
  const parts = await partsOf(xlsx);
  const at = parts.findIndex((p) => p.name === 'xl/worksheets/sheet1.xml');
  const xml = (await JSZip.loadAsync(xlsx)).file('xl/worksheets/sheet1.xml');
  if (at < 0 || !xml) throw new Error('no first worksheet');
  const text = await xml.async('string');
  const cut = text.lastIndexOf('</worksheet>');
  const head = Buffer.from(text.slice(0, cut));
  const tail = Buffer.from(text.slice(cut));

  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = once(deflate, 'end');
  const write = async (chunk: Buffer): Promise<void> => {
    if (!deflate.write(chunk)) await once(deflate, 'drain');
  };
  let crc = crc32(head);
  await write(head);
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  for (let left = paddingBytes; left > 0; left -= spaces.length) {
    const chunk = left >= spaces.length ? spaces : spaces.subarray(0, left);
    crc = crc32(chunk, crc);
    await write(chunk);
  }
  crc = crc32(tail, crc);
  deflate.end(tail);
  await done;
  const size = head.length + paddingBytes + tail.length;
  // Zip32 fields hold at most 4 GiB - 1: the bench's 1.2 GB fits.
  parts[at] = {
    name: parts[at].name,
    stored: Buffer.concat(out),
    method: 8,
    crc32: crc,
    declaredSize: declaredSize ?? size,
  };
  return writeZip(parts);
}

/**
 * The costliest file under an unzipped limit: a genuine xlsx whose first worksheet is filled, up
 * to `inflatedBytes`, with rows of empty formatted cells (each one an object for exceljs).
 */
export async function denseWorksheetXlsx(xlsx: Buffer, inflatedBytes: number): Promise<Buffer> {
  const parts = await partsOf(xlsx);
  const at = parts.findIndex((p) => p.name === 'xl/worksheets/sheet1.xml');
  const xml = await (await JSZip.loadAsync(xlsx)).file('xl/worksheets/sheet1.xml')?.async('string');
  if (at < 0 || !xml) throw new Error('no first worksheet');
  const rows: string[] = [];
  let size = xml.length;
  for (let r = 3; ; r += 1) {
    const row = `<row r="${r}"><c r="A${r}" s="0"/><c r="B${r}" s="0"/><c r="C${r}" s="0"/></row>`;
    if (size + row.length > inflatedBytes) break;
    rows.push(row);
    size += row.length;
  }
  parts[at] = deflatedPart(
    parts[at].name,
    Buffer.from(xml.replace('</sheetData>', `${rows.join('')}</sheetData>`)),
  );
  return writeZip(parts);
}
