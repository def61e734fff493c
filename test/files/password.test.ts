import { strict as assert } from 'node:assert';
import { PASSWORD_ALPHABET, generatePassword } from '../../src/files/password';

describe('Passwords of the exported tables', () => {
  it('are 20 characters long by default and never shorter than 16', () => {
    assert.equal(generatePassword().length, 20);
    assert.equal(generatePassword(16).length, 16);
    assert.throws(() => generatePassword(15), RangeError);
    assert.throws(() => generatePassword(300), RangeError);
  });

  it('use no character that can be mistaken for another (0/O/o, 1/l/I, 5/S, 2/Z, 8/B…)', () => {
    for (const ch of '0Oo1lIi5Ss2Zz8BQDuvUVj') assert.ok(!PASSWORD_ALPHABET.includes(ch), ch);
    const sample = Array.from({ length: 200 }, () => generatePassword()).join('');
    for (const ch of sample) assert.ok(PASSWORD_ALPHABET.includes(ch));
  });

  it('are different every time and use the whole alphabet', () => {
    const passwords = new Set(Array.from({ length: 500 }, () => generatePassword()));
    assert.equal(passwords.size, 500);
    const used = new Set([...passwords].join(''));
    assert.equal(used.size, PASSWORD_ALPHABET.length);
  });
});
