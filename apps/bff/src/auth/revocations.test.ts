import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../database";
import { shiftableClock } from "../testing/clock";
import { SessionRevocations } from "./revocations";

// Two instances sharing one database, each with its own cache of "not signed out", on a clock
// moved by hand: what the scale-out test used to wait five and a half seconds for.
describe("session revocations shared through the database", () => {
  const open: Array<{ destroy(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.destroy()));
  });

  async function twoInstances() {
    const db = await openDatabase({ kind: "sqlite", path: ":memory:" });
    open.push(db);
    await migrateToLatest(db);
    const clock = shiftableClock({ frozen: true });
    return {
      clock,
      a: new SessionRevocations(db, clock.now),
      b: new SessionRevocations(db, clock.now),
    };
  }

  it("sees a sign-out on another instance once its few-second cache has run out", async () => {
    const { clock, a, b } = await twoInstances();
    expect(await b.isRevoked("sid-1")).toBe(false); // b now caches "not signed out"
    await a.revoke("sid-1", clock.now() + 60_000);
    expect(await a.isRevoked("sid-1")).toBe(true); // at once where it happened
    clock.shift(4_999);
    expect(await b.isRevoked("sid-1")).toBe(false); // still b's cached answer
    clock.shift(1);
    expect(await b.isRevoked("sid-1")).toBe(true);
  });

  it("sees a sign-out at once on an instance that had not cached the session", async () => {
    const { clock, a, b } = await twoInstances();
    await a.revoke("sid-2", clock.now() + 60_000);
    expect(await b.isRevoked("sid-2")).toBe(true);
    expect(await b.isRevoked("sid-3")).toBe(false);
  });

  it("forgets revocations whose session would have ended anyway", async () => {
    const { clock, a, b } = await twoInstances();
    await a.revoke("old", clock.now() + 1_000);
    clock.shift(2_000);
    await a.revoke("new", clock.now() + 60_000); // a revoke sweeps the ended ones
    expect(await b.isRevoked("old")).toBe(false);
    expect(await b.isRevoked("new")).toBe(true);
  });
});
