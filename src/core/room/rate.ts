/**
 * Per-student rate limit: a token bucket per key (capacity `burst` events, refilled at `perSecond`). Pure: the caller
 * passes the time. Keys idle for a while are dropped, so a flood of made-up student ids cannot grow it without bound.
 */
export type RateLimiter = {take(key: string, cost: number, now: number): {readonly ok: boolean; readonly retryAfterMs: number}; readonly size: () => number};

export function createRateLimiter(options: {readonly burst: number; readonly perSecond: number; readonly maxKeys?: number}): RateLimiter {
	const buckets = new Map<string, {tokens: number; at: number}>();
	const maxKeys = options.maxKeys ?? 50_000;
	return {
		take(key, cost, now) {
			let bucket = buckets.get(key);
			if (!bucket) {
				if (buckets.size >= maxKeys) {
					// Drop the oldest-touched keys (Map keeps insertion order; touched keys are re-inserted below).
					for (const old of buckets.keys()) {
						buckets.delete(old);
						if (buckets.size < maxKeys * 0.9) break;
					}
				}
				bucket = {tokens: options.burst, at: now};
			}
			buckets.delete(key);
			bucket.tokens = Math.min(options.burst, bucket.tokens + ((now - bucket.at) / 1000) * options.perSecond);
			bucket.at = now;
			buckets.set(key, bucket);
			if (bucket.tokens >= cost) {
				bucket.tokens -= cost;
				return {ok: true, retryAfterMs: 0};
			}
			return {ok: false, retryAfterMs: Math.ceil(((cost - bucket.tokens) / options.perSecond) * 1000)};
		},
		size: () => buckets.size,
	};
}
