/**
 * One in-memory rate-limit store shared by all routes. @fastify/rate-limit gives each route its own
 * store by default, so /fi/kirjaudu, /sv/logga-in and /en/log-in would each allow the full limit;
 * here the key is the client address plus the route's `groupId` (the page key), so a page counts
 * once whatever its language. Entries expire with their window; the map is bounded.
 */
interface Entry {
  count: number;
  startMs: number;
}

const MAX_KEYS = 50_000;

export class SharedRateLimitStore {
  private readonly entries = new Map<string, Entry>();

  incr(key: string, cb: (err: Error | null, res: { current: number; ttl: number }) => void, timeWindow: number): void {
    const now = Date.now();
    let entry = this.entries.get(key);
    if (!entry || entry.startMs + timeWindow <= now) {
      entry = { count: 0, startMs: now };
      if (this.entries.size >= MAX_KEYS) this.evictExpired(now, timeWindow);
    }
    entry.count += 1;
    this.entries.delete(key); // keep insertion order = recency for eviction
    this.entries.set(key, entry);
    cb(null, { current: entry.count, ttl: entry.startMs + timeWindow - now });
  }

  read(key: string, cb: (err: Error | null, res: { current: number; ttl: number }) => void, timeWindow: number): void {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (!entry || entry.startMs + timeWindow <= now) cb(null, { current: 0, ttl: timeWindow });
    else cb(null, { current: entry.count, ttl: entry.startMs + timeWindow - now });
  }

  /** Every route shares this one store. */
  child(): SharedRateLimitStore {
    return this;
  }

  private evictExpired(now: number, timeWindow: number): void {
    for (const [key, e] of this.entries) {
      if (e.startMs + timeWindow <= now) this.entries.delete(key);
    }
    // Still full: drop the oldest entries.
    for (const key of this.entries.keys()) {
      if (this.entries.size < MAX_KEYS) break;
      this.entries.delete(key);
    }
  }
}
