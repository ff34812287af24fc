import type { Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type PortvaktDatabase } from "../database";
import { RateLimiter, SharedRateLimiter } from "./rate-limit";

let db: Kysely<PortvaktDatabase> | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe("rate limits", () => {
  it("in memory: each limiter (instance) counts on its own", () => {
    const a = new RateLimiter(2, 60_000);
    const b = new RateLimiter(2, 60_000);
    expect([a.hit("ada", 0), a.hit("ada", 1), a.hit("ada", 2)]).toEqual([0, 0, 60]);
    expect(b.hit("ada", 3)).toBe(0);
  });

  it("shared: two limiters on one database (two instances) count together, per key and window", async () => {
    db = await openDatabase({ kind: "sqlite", path: ":memory:" });
    const a = new SharedRateLimiter(db, "mutation", 3, 60_000);
    const b = new SharedRateLimiter(db, "mutation", 3, 60_000);
    const t = 1_700_000_000_000;
    expect(await a.hit("ada", t)).toBe(0);
    expect(await b.hit("ada", t + 1)).toBe(0);
    expect(await a.hit("ada", t + 2)).toBe(0);
    expect(await b.hit("ada", t + 10_000)).toBe(50);
    expect(await a.hit("ola", t + 10_000)).toBe(0);
    // Another limit's name is another count.
    expect(await new SharedRateLimiter(db, "sign-in", 3, 60_000).hit("ada", t)).toBe(0);
    // A new window starts afresh.
    expect(await b.hit("ada", t + 60_000)).toBe(0);
  });
});
