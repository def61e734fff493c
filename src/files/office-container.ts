/**
 * The OLE compound file that wraps an encrypted OOXML package (MS-OFFCRYPTO §2.3.4.1): the
 * EncryptionInfo and EncryptedPackage streams, plus the \x06DataSpaces storage that Excel
 * writes and expects (§2.1: version, data space map, definition and transform).
 */
import * as CFB from 'cfb';

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The two streams that matter for decryption. */
export interface EncryptedStreams {
  encryptionInfo: Buffer;
  encryptedPackage: Buffer;
}

/** True when the bytes start like an OLE compound file (encrypted OOXML, or a legacy .xls). */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return (
    bytes.length >= OLE_MAGIC.length &&
    OLE_MAGIC.equals(Buffer.from(bytes.subarray(0, OLE_MAGIC.length)))
  );
}

/** Packs encryption info and encrypted package into a compound file, as Excel lays it out. */
export function writeEncryptedContainer(streams: EncryptedStreams): Buffer {
  // cfb (SheetJS) always writes its 4-byte marker stream "\u0001Sh33tJ5" at the root; Office
  // and msoffcrypto ignore streams they do not know, so it is left there.
  const cfb = CFB.utils.cfb_new();
  const add = (path: string, content: Buffer): void => {
    CFB.utils.cfb_add(cfb, path, content);
  };
  add('\u0006DataSpaces/Version', dataSpaceVersionInfo());
  add('\u0006DataSpaces/DataSpaceMap', dataSpaceMap());
  add('\u0006DataSpaces/DataSpaceInfo/StrongEncryptionDataSpace', dataSpaceDefinition());
  add('\u0006DataSpaces/TransformInfo/StrongEncryptionTransform/\u0006Primary', transformInfo());
  add('EncryptionInfo', streams.encryptionInfo);
  add('EncryptedPackage', streams.encryptedPackage);
  const out: unknown = CFB.write(cfb, { type: 'buffer' });
  if (!(out instanceof Uint8Array)) throw new Error('cfb.write did not return bytes');
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** The encryption streams of a compound file, or null when it has none (not an encrypted OOXML). */
export function readEncryptedContainer(bytes: Buffer): EncryptedStreams | null {
  const cfb = CFB.read(bytes, { type: 'buffer' });
  const info = CFB.find(cfb, '/EncryptionInfo');
  const pkg = CFB.find(cfb, '/EncryptedPackage');
  if (!info?.content || !pkg?.content) return null;
  return { encryptionInfo: toBuffer(info.content), encryptedPackage: toBuffer(pkg.content) };
}

function toBuffer(blob: CFB.CFB$Blob): Buffer {
  return Buffer.isBuffer(blob) ? blob : Buffer.from(blob);
}

/** A UNICODE-LP-P4 (§2.1.2): byte length, UTF-16LE characters, padded to 4 bytes. */
function lpp4(text: string): Buffer {
  const chars = Buffer.from(text, 'utf16le');
  const padded = Buffer.alloc(4 + Math.ceil(chars.length / 4) * 4);
  padded.writeUInt32LE(chars.length, 0);
  chars.copy(padded, 4);
  return padded;
}

function u32(...values: number[]): Buffer {
  const out = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => out.writeUInt32LE(v, 4 * i));
  return out;
}

/** Reader, updater and writer versions 1.0 (§2.1.4, three times). */
const VERSIONS_1_0 = Buffer.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);

/** DataSpaceVersionInfo (§2.1.5). */
function dataSpaceVersionInfo(): Buffer {
  return Buffer.concat([lpp4('Microsoft.Container.DataSpaces'), VERSIONS_1_0]);
}

/** DataSpaceMap (§2.1.6): EncryptedPackage is transformed by StrongEncryptionDataSpace. */
function dataSpaceMap(): Buffer {
  const entry = Buffer.concat([
    u32(1, 0),
    lpp4('EncryptedPackage'),
    lpp4('StrongEncryptionDataSpace'),
  ]);
  return Buffer.concat([u32(8, 1, entry.length + 4), entry]);
}

/** DataSpaceDefinition (§2.1.7): one transform, StrongEncryptionTransform. */
function dataSpaceDefinition(): Buffer {
  return Buffer.concat([u32(8, 1), lpp4('StrongEncryptionTransform')]);
}

/** TransformInfoHeader + EncryptionTransformInfo (§2.1.8–2.1.9), with Excel's values. */
function transformInfo(): Buffer {
  const id = lpp4('{FF9A3F03-56EF-4613-BDD5-5A41C1D07246}');
  const header = Buffer.concat([u32(8 + id.length, 1), id]);
  return Buffer.concat([
    header,
    lpp4('Microsoft.Container.EncryptionTransform'),
    VERSIONS_1_0,
    // EncryptionName (empty), EncryptionBlockSize, CipherMode, Reserved: as Excel writes them.
    u32(0, 0, 0, 4),
  ]);
}
