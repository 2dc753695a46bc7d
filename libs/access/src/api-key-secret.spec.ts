import { hashSecret, issueSecret, parseKey, secretMatches } from './api-key-secret';

describe('API key secrets', () => {
  it('issues a key that parses back to its id and a secret matching the stored hash', () => {
    const issued = issueSecret();
    const parsed = parseKey(issued.key);

    expect(issued.key).toMatch(/^kl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(parsed?.keyId).toBe(issued.keyId);
    expect(secretMatches(parsed!.secret, issued.secretHash)).toBe(true);
  });

  it('rejects a secret that differs from the hashed one', () => {
    const issued = issueSecret();
    const parsed = parseKey(issued.key)!;
    const altered = (parsed.secret[0] === 'A' ? 'B' : 'A') + parsed.secret.slice(1);

    expect(secretMatches(altered, issued.secretHash)).toBe(false);
  });

  it('does not parse keys of another shape', () => {
    expect(parseKey('')).toBeNull();
    expect(parseKey('kl_0123456789abcdef')).toBeNull();
    expect(parseKey('xx_0123456789abcdef_' + 'a'.repeat(43))).toBeNull();
    expect(parseKey('kl_0123456789ABCDEF_' + 'a'.repeat(43))).toBeNull();
  });

  it('hashes with SHA-256', () => {
    expect(hashSecret('abc').toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
