/**
 * ECMA-376 agile encryption (MS-OFFCRYPTO §2.3.4.10–2.3.4.15), what Excel does: AES-256-CBC,
 * SHA-512, 100,000 spins, with the data-integrity HMAC. Written on node:crypto rather than with
 * officecrypto-tool because that library runs the 100,000-round key derivation three times per
 * file (~0.85 s); the three keys share one iterated hash, derived once here (~0.2 s).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import officeCrypto from 'officecrypto-tool';
import {
  BLOCK,
  aes,
  base64,
  blockIv,
  cipherParams,
  cryptPackage,
  element,
  finalKey,
  fit,
  iteratedHash,
  type CipherParams,
} from './agile-crypto';
import { FileError } from '../domain/errors';
import {
  isCompoundFile,
  readEncryptedContainer,
  writeEncryptedContainer,
} from './office-container';

/** Excel's spin count for the open password. */
export const SPIN_COUNT = 100_000;
/** Files asking for more rounds are refused: an attacker could pin a worker for minutes. */
const MAX_SPIN_COUNT = 1_000_000;

/**
 * The password-derived part of the encryption: salt and iterated hash. It does not depend on the
 * file, so a worker can derive it while idle, before the export that will use it.
 */
export interface OpenKey {
  salt: Buffer;
  hn: Buffer;
  spinCount: number;
}

/** Runs the 100,000-round key derivation for an open password (≈0.2 s of CPU). */
export function deriveOpenKey(password: string, spinCount: number = SPIN_COUNT): OpenKey {
  const salt = randomBytes(16);
  return { salt, hn: iteratedHash('sha512', salt, password, spinCount), spinCount };
}

/** Encrypts an OOXML package with an open password, or with a key derived beforehand. */
export function encrypt(pkg: Buffer, password: string | OpenKey): Buffer {
  const openKey = typeof password === 'string' ? deriveOpenKey(password) : password;
  const keyData: CipherParams = {
    hash: 'sha512',
    keyBytes: 32,
    blockSize: 16,
    salt: randomBytes(16),
  };
  const keyEnc: CipherParams = { hash: 'sha512', keyBytes: 32, blockSize: 16, salt: openKey.salt };
  const { hn, spinCount } = openKey;
  const packageKey = randomBytes(32);

  const encryptedPackage = cryptPackage(true, pkg, packageKey, keyData);

  // Excel uses a 64-byte HMAC key (the hash size), not the salt size the text asks for.
  const hmacKey = randomBytes(64);
  const hmacValue = createHmac('sha512', hmacKey).update(encryptedPackage).digest();
  const encryptedHmacKey = aes(true, packageKey, blockIv(keyData, BLOCK.hmacKey), hmacKey);
  const encryptedHmacValue = aes(true, packageKey, blockIv(keyData, BLOCK.hmacValue), hmacValue);

  const iv = fit(keyEnc.salt, keyEnc.blockSize);
  const verifierInput = randomBytes(16);
  const verifierHash = createHash('sha512').update(verifierInput).digest();
  const encVerifierInput = aes(true, finalKey(keyEnc, hn, BLOCK.verifierInput), iv, verifierInput);
  const encVerifierValue = aes(true, finalKey(keyEnc, hn, BLOCK.verifierValue), iv, verifierHash);
  const encKeyValue = aes(true, finalKey(keyEnc, hn, BLOCK.key), iv, packageKey);

  const b64 = (b: Buffer): string => b.toString('base64');
  const common = (p: CipherParams): string =>
    `saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" ` +
    `cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(p.salt)}"`;
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" ' +
    'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" ' +
    'xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">' +
    `<keyData ${common(keyData)}/>` +
    `<dataIntegrity encryptedHmacKey="${b64(encryptedHmacKey)}" encryptedHmacValue="${b64(encryptedHmacValue)}"/>` +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<p:encryptedKey spinCount="${spinCount}" ${common(keyEnc)} ` +
    `encryptedVerifierHashInput="${b64(encVerifierInput)}" encryptedVerifierHashValue="${b64(encVerifierValue)}" ` +
    `encryptedKeyValue="${b64(encKeyValue)}"/></keyEncryptor></keyEncryptors></encryption>`;
  // Version 4.4 and the reserved flag 0x40 announce agile encryption (§2.3.4.10).
  const encryptionInfo = Buffer.concat([
    Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]),
    Buffer.from(xml, 'utf8'),
  ]);
  return writeEncryptedContainer({ encryptionInfo, encryptedPackage });
}

/** True when the bytes are an encrypted OOXML file (a compound file with EncryptionInfo). */
export function isEncrypted(file: Buffer): boolean {
  if (!isCompoundFile(file)) return false;
  try {
    return readEncryptedContainer(file) !== null;
  } catch {
    return false;
  }
}

/**
 * Decrypts an encrypted OOXML file. Agile files are read here (one key derivation, integrity
 * checked as Excel does); older "standard" ones are handed to officecrypto-tool.
 */
export async function decrypt(file: Buffer, password: string): Promise<Buffer> {
  let streams;
  try {
    streams = readEncryptedContainer(file);
  } catch {
    throw new FileError('E_IMPORT_NOT_XLSX');
  }
  if (!streams) throw new FileError('E_IMPORT_NOT_XLSX');
  const { encryptionInfo, encryptedPackage } = streams;
  if (encryptionInfo.length < 8) throw new FileError('E_IMPORT_CORRUPTED');
  const major = encryptionInfo.readUInt16LE(0);
  const minor = encryptionInfo.readUInt16LE(2);
  if (major === 4 && minor === 4) return decryptAgile(encryptionInfo, encryptedPackage, password);
  if (minor === 2 && major >= 2 && major <= 4) return decryptStandard(file, password);
  throw new FileError('E_IMPORT_UNSUPPORTED_ENCRYPTION');
}

function decryptAgile(info: Buffer, encryptedPackage: Buffer, password: string): Buffer {
  const xml = info.subarray(8).toString('utf8');
  const keyDataAttrs = element(xml, 'keyData');
  const keyAttrs = element(xml, 'encryptedKey');
  if (!keyDataAttrs || !keyAttrs) throw new FileError('E_IMPORT_CORRUPTED');
  const keyData = cipherParams(keyDataAttrs);
  const keyEnc = cipherParams(keyAttrs);
  const spinCount = Number(keyAttrs.spinCount);
  if (!Number.isInteger(spinCount) || spinCount < 0 || spinCount > MAX_SPIN_COUNT) {
    throw new FileError('E_IMPORT_UNSUPPORTED_ENCRYPTION');
  }

  const hn = iteratedHash(keyEnc.hash, keyEnc.salt, password, spinCount);
  const iv = fit(keyEnc.salt, keyEnc.blockSize);
  const verifierInput = aes(
    false,
    finalKey(keyEnc, hn, BLOCK.verifierInput),
    iv,
    base64(keyAttrs.encryptedVerifierHashInput),
  );
  const verifierValue = aes(
    false,
    finalKey(keyEnc, hn, BLOCK.verifierValue),
    iv,
    base64(keyAttrs.encryptedVerifierHashValue),
  );
  const expected = createHash(keyEnc.hash).update(verifierInput).digest();
  const actual = verifierValue.subarray(0, expected.length);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new FileError('E_IMPORT_BAD_PASSWORD');
  }
  const packageKey = aes(
    false,
    finalKey(keyEnc, hn, BLOCK.key),
    iv,
    base64(keyAttrs.encryptedKeyValue),
  ).subarray(0, keyData.keyBytes);

  const integrity = element(xml, 'dataIntegrity');
  if (integrity) {
    const hmacKey = aes(
      false,
      packageKey,
      blockIv(keyData, BLOCK.hmacKey),
      base64(integrity.encryptedHmacKey),
    );
    const hmacValue = aes(
      false,
      packageKey,
      blockIv(keyData, BLOCK.hmacValue),
      base64(integrity.encryptedHmacValue),
    );
    const hashSize = createHash(keyData.hash).digest().length;
    const computed = createHmac(keyData.hash, hmacKey.subarray(0, hashSize))
      .update(encryptedPackage)
      .digest();
    const stored = hmacValue.subarray(0, hashSize);
    if (stored.length !== computed.length || !timingSafeEqual(stored, computed)) {
      throw new FileError('E_IMPORT_CORRUPTED');
    }
  }
  return cryptPackage(false, encryptedPackage, packageKey, keyData);
}

async function decryptStandard(file: Buffer, password: string): Promise<Buffer> {
  try {
    return await officeCrypto.decrypt(file, { password });
  } catch {
    // The library only says "The password is incorrect" or fails on unsupported variants.
    throw new FileError('E_IMPORT_BAD_PASSWORD');
  }
}
