import { strict as assert } from 'node:assert';
import { createSecretBox, deriveKey } from '../../src/files/secret-box';

describe('the sealed password (secret box)', () => {
  const box = createSecretBox(deriveKey('a'.repeat(32), 'tableau-password'));

  it('opens what it sealed for the same id, and the sealed text does not contain the password', () => {
    const sealed = box.seal('s1', 'K7mPq9RtWx3cFhNa');
    assert.ok(!sealed.includes('K7mPq9RtWx3cFhNa'));
    assert.notEqual(box.seal('s1', 'K7mPq9RtWx3cFhNa'), sealed, 'a fresh IV each time');
    assert.equal(box.open('s1', sealed), 'K7mPq9RtWx3cFhNa');
  });

  it('refuses another row’s id, another key, and a changed byte', () => {
    const sealed = box.seal('s1', 'K7mPq9RtWx3cFhNa');
    assert.equal(box.open('s2', sealed), null);
    assert.equal(
      createSecretBox(deriveKey('b'.repeat(32), 'tableau-password')).open('s1', sealed),
      null,
    );
    assert.equal(
      createSecretBox(deriveKey('a'.repeat(32), 'tableau-link')).open('s1', sealed),
      null,
      'keys differ per label',
    );
    const parts = sealed.split('.');
    parts[3] = (parts[3][0] === 'A' ? 'B' : 'A') + parts[3].slice(1);
    assert.equal(box.open('s1', parts.join('.')), null);
    assert.equal(box.open('s1', 'not-sealed'), null);
  });
});
