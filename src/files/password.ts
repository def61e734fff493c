import { randomInt } from 'node:crypto';

/**
 * Letters and digits that cannot be mistaken for one another when read from a screen or
 * dictated: no 0/O/o/Q/D, 1/l/I/i/j, 2/Z/z, 5/S/s, 8/B, u/v/V/U, no symbols (keyboard layouts).
 * 40 characters: 20 of them carry about 106 bits of entropy.
 */
export const PASSWORD_ALPHABET = 'ACEFGHJKLMNPRTWXYabcdefghkmnpqrtwxy34679';

export const PASSWORD_MIN_LENGTH = 16;
export const PASSWORD_DEFAULT_LENGTH = 20;

/** A random password from the look-alike-free alphabet (crypto.randomInt, no modulo bias). */
export function generatePassword(length: number = PASSWORD_DEFAULT_LENGTH): string {
  if (!Number.isInteger(length) || length < PASSWORD_MIN_LENGTH || length > 255) {
    // 255 is the longest password Office accepts for an open password.
    throw new RangeError(`password length must be an integer in [${PASSWORD_MIN_LENGTH}, 255]`);
  }
  let out = '';
  for (let i = 0; i < length; i += 1) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}
