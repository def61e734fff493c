/**
 * The building blocks of ECMA-376 agile encryption (MS-OFFCRYPTO §2.3.4.11–2.3.4.15): key
 * derivation, IVs, AES-CBC without padding, the segmented package, the EncryptionInfo XML.
 * Shared by encrypt() and decrypt() in encrypt.ts.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { ownValue } from '../domain/lookup';
import { FileError } from '../domain/errors';

const SEGMENT = 4096;

/** Block keys of §2.3.4.11–2.3.4.14. */
export const BLOCK = {
  verifierInput: Buffer.from('fea7d2763b4b9e79', 'hex'),
  verifierValue: Buffer.from('d7aa0f6d3061344e', 'hex'),
  key: Buffer.from('146e0be7abacd0d6', 'hex'),
  hmacKey: Buffer.from('5fb2ad010cb9e1f6', 'hex'),
  hmacValue: Buffer.from('a0677f02b22c8433', 'hex'),
};

/** Hash, key size, block size and salt of a keyData or encryptedKey element. */
export interface CipherParams {
  hash: string;
  keyBytes: number;
  blockSize: number;
  salt: Buffer;
}

/** The segments of the EncryptedPackage stream (§2.3.4.15): size prefix, 4096-byte chunks. */
export function cryptPackage(
  encrypting: boolean,
  input: Buffer,
  key: Buffer,
  p: CipherParams,
): Buffer {
  if (encrypting) {
    const chunks: Buffer[] = [Buffer.alloc(8)];
    chunks[0].writeBigUInt64LE(BigInt(input.length), 0);
    for (let i = 0, start = 0; start < input.length; i += 1, start += SEGMENT) {
      const chunk = padTo(input.subarray(start, start + SEGMENT), p.blockSize);
      chunks.push(aes(true, key, blockIv(p, u32le(i)), chunk));
    }
    return Buffer.concat(chunks);
  }
  if (input.length < 8) throw new FileError('E_IMPORT_CORRUPTED');
  const size = Number(input.readBigUInt64LE(0));
  const body = input.subarray(8);
  if (size > body.length || body.length % p.blockSize !== 0)
    throw new FileError('E_IMPORT_CORRUPTED');
  const out = Buffer.alloc(body.length);
  for (let i = 0, start = 0; start < body.length; i += 1, start += SEGMENT) {
    aes(false, key, blockIv(p, u32le(i)), body.subarray(start, start + SEGMENT)).copy(out, start);
  }
  return out.subarray(0, size);
}

/** H0 = H(salt ‖ UTF-16LE(password)), Hn = H(LE32(n) ‖ Hn-1): the costly part, done once. */
export function iteratedHash(
  hash: string,
  salt: Buffer,
  password: string,
  spinCount: number,
): Buffer {
  let h = createHash(hash).update(salt).update(Buffer.from(password, 'utf16le')).digest();
  const iterator = Buffer.alloc(4);
  for (let i = 0; i < spinCount; i += 1) {
    iterator.writeUInt32LE(i, 0);
    h = createHash(hash).update(iterator).update(h).digest();
  }
  return h;
}

/** The key for one block key: H(Hn ‖ blockKey), fitted to the key size (§2.3.4.11). */
export function finalKey(p: CipherParams, hn: Buffer, blockKey: Buffer): Buffer {
  return fit(createHash(p.hash).update(hn).update(blockKey).digest(), p.keyBytes);
}

/** An IV: H(salt ‖ blockKey), fitted to the block size (§2.3.4.12). */
export function blockIv(p: CipherParams, blockKey: Buffer): Buffer {
  return fit(createHash(p.hash).update(p.salt).update(blockKey).digest(), p.blockSize);
}

/** Truncates, or pads with 0x36, as §2.3.4.11 says. */
export function fit(bytes: Buffer, length: number): Buffer {
  if (bytes.length >= length) return bytes.subarray(0, length);
  return Buffer.concat([bytes, Buffer.alloc(length - bytes.length, 0x36)]);
}

function padTo(bytes: Buffer, blockSize: number): Buffer {
  const rest = bytes.length % blockSize;
  return rest === 0 ? bytes : Buffer.concat([bytes, Buffer.alloc(blockSize - rest)]);
}

/** AES-CBC without padding (the format pads itself); a ragged input means a corrupted file. */
export function aes(encrypting: boolean, key: Buffer, iv: Buffer, data: Buffer): Buffer {
  if (data.length % 16 !== 0) throw new FileError('E_IMPORT_CORRUPTED');
  const algorithm = `aes-${key.length * 8}-cbc`;
  const cipher = encrypting
    ? createCipheriv(algorithm, key, iv)
    : createDecipheriv(algorithm, key, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}

/** A required base64 attribute of the EncryptionInfo XML. */
export function base64(value: string | undefined): Buffer {
  if (!value) throw new FileError('E_IMPORT_CORRUPTED');
  return Buffer.from(value, 'base64');
}

const HASHES: Record<string, string> = {
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA384: 'sha384',
  SHA512: 'sha512',
};

/** Cipher parameters of a keyData or encryptedKey element; only AES-CBC is supported. */
export function cipherParams(attrs: Record<string, string>): CipherParams {
  const hash = ownValue(HASHES, (attrs.hashAlgorithm ?? '').replace('-', '').toUpperCase());
  const keyBits = Number(attrs.keyBits);
  const blockSize = Number(attrs.blockSize);
  if (attrs.cipherAlgorithm !== 'AES' || attrs.cipherChaining !== 'ChainingModeCBC' || !hash) {
    throw new FileError('E_IMPORT_UNSUPPORTED_ENCRYPTION');
  }
  if (![128, 192, 256].includes(keyBits) || blockSize !== 16)
    throw new FileError('E_IMPORT_UNSUPPORTED_ENCRYPTION');
  return { hash, keyBytes: keyBits / 8, blockSize, salt: base64(attrs.saltValue) };
}

/** The attributes of the first element with this local name (any namespace prefix). */
export function element(xml: string, localName: string): Record<string, string> | null {
  const match = new RegExp(`<(?:[\\w.-]+:)?${localName}\\b([^>]*)>`).exec(xml);
  if (!match) return null;
  // The file names the attributes: a null prototype keeps `__proto__` an ordinary key.
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [, attribute, value] of match[1].matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g))
    attrs[attribute] = value;
  return attrs;
}
