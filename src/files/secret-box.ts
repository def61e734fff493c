/**
 * Seals an export's open password while it waits in the database for its reveal (AES-256-GCM,
 * bound to the row's id), so that the database alone never holds both a file and its password.
 * Keys are derived from the process's download secret with a label per use.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * A 32-byte key for one purpose, derived from the base secret (DOWNLOAD_SECRET or a random one).
 */
export function deriveKey(secret: Buffer | string, label: string): Buffer {
  return createHmac('sha256', secret).update(`passerelle-cir/${label}/v1`).digest();
}

export interface SecretBox {
  /** The sealed text, bound to `id`: it only opens for the same id. */
  seal(id: string, plain: string): string;
  /** The plain text, or null when the box was sealed with another key or for another id. */
  open(id: string, sealed: string): string | null;
}

/** Creates a sealer/opener for one key. */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new RangeError('secret box key must be 32 bytes');
  return {
    seal(id, plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(id, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(id, sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(id, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(body, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
