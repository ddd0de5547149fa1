/**
 * Room tokens: a join code for students and a separate instructor token, both random (crypto.randomBytes), compared in
 * constant time (both sides hashed to the same length first, so a wrong length leaks nothing either).
 */
import {createHash, randomBytes, timingSafeEqual} from 'node:crypto';

export type RoomTokens = {readonly join: string; readonly instructor: string};

/** Fresh tokens: a 12-character join code and a 32-character instructor token (base64url). */
export function newTokens(): RoomTokens {
	return {join: randomBytes(9).toString('base64url'), instructor: randomBytes(24).toString('base64url')};
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/** A checker for one token: `given` equals it, in time independent of where they differ (its digest made once). */
export function tokenChecker(expected: string): (given: string | undefined) => boolean {
	const want = digest(expected);
	return (given) => typeof given === 'string' && given.length > 0 && given.length <= 256 && timingSafeEqual(digest(given), want);
}

/** Whether `given` equals `expected`, in time independent of where they differ. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
	return tokenChecker(expected)(given);
}
