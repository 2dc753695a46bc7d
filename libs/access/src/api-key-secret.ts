import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keys read `kl_<keyId>_<secret>`: the id finds the row without scanning, the secret
 * proves possession. The prefix lets secret scanners recognise a leaked key.
 */
const PREFIX = 'kl_';
const KEY_FORMAT = /^kl_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface IssuedSecret {
  keyId: string;
  /** The whole key, shown once to whoever created it and never stored. */
  key: string;
  secretHash: Buffer;
}

export function issueSecret(): IssuedSecret {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, key: `${PREFIX}${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseKey(key: string): { keyId: string; secret: string } | null {
  const match = KEY_FORMAT.exec(key);
  return match ? { keyId: match[1], secret: match[2] } : null;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Constant time, so response timing does not reveal how much of a guess was right. */
export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const presented = hashSecret(secret);
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}
