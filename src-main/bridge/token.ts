import { randomBytes, timingSafeEqual } from 'node:crypto';


/** A fresh secret per bridge run: 32 random bytes, URL-safe. */
export function createBridgeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so response timing says nothing about how much of a guess was right. */
export function tokenMatches(presented: string | string[] | undefined, token: string): boolean {
  if (typeof presented !== 'string') return false;
  const given = Buffer.from(presented);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
