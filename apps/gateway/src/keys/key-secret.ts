import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every client key starts with this, so people (and secret scanners) recognise it. */
export const KEY_PREFIX = 'g2a-';
const ID_LENGTH = 12;
const SECRET_LENGTH = 32;

/** A new key: the whole secret (shown once) and what is stored of it. */
export interface NewKeySecret {
  id: string;
  key: string;
  /** `g2a-` and the first characters of the id. */
  prefix: string;
  hash: string;
}

/** Makes a key `g2a-<12-char id><32-char secret>` (base64url, 216 random bits in all). */
export function generateKeySecret(): NewKeySecret {
  const id = randomBytes(9).toString('base64url');
  const key = `${KEY_PREFIX}${id}${randomBytes(24).toString('base64url')}`;
  return { id, key, prefix: key.slice(0, KEY_PREFIX.length + 4), hash: hashKey(key) };
}

/** The id embedded in a presented key, or undefined when it is not shaped like one. */
export function keyIdOf(presented: string): string | undefined {
  if (presented.length !== KEY_PREFIX.length + ID_LENGTH + SECRET_LENGTH) return undefined;
  if (!presented.startsWith(KEY_PREFIX)) return undefined;
  return presented.slice(KEY_PREFIX.length, KEY_PREFIX.length + ID_LENGTH);
}

/** Hex SHA-256 of a key: keys are long random strings, so a fast hash is enough. */
export function hashKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** Constant-time comparison of a presented key with a stored hash. */
export function keyMatches(presented: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = hash('sha256', presented, 'buffer');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
