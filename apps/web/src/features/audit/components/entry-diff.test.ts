import { describe, expect, it } from "vitest";
import { diffEntry } from "./entry-diff";

describe("diffEntry", () => {
  it("lists changed, added and removed fields with their paths", () => {
    const before = { description: "Old", active: true, owner: { orgno: "1" }, gone: 1 };
    const after = { description: "New", active: true, owner: { orgno: "2" }, added: "x" };
    expect(diffEntry(before, after)).toEqual([
      { path: "description", kind: "changed", before: "Old", after: "New" },
      { path: "owner.orgno", kind: "changed", before: "1", after: "2" },
      { path: "gone", kind: "removed", before: "1" },
      { path: "added", kind: "added", after: "x" },
    ]);
  });

  it("compares lists of plain values as a whole and indexes lists of objects", () => {
    expect(diffEntry({ scopes: ["a", "b"] }, { scopes: ["a", "c"] })).toEqual([
      { path: "scopes", kind: "changed", before: '["a","b"]', after: '["a","c"]' },
    ]);
    expect(diffEntry({ keys: [{ kid: "k1" }] }, { keys: [{ kid: "k1" }, { kid: "k2" }] })).toEqual([
      { path: "keys[1].kid", kind: "added", after: "k2" },
    ]);
  });

  it("shows a creation as all fields added and a deletion as all removed", () => {
    expect(diffEntry(undefined, { state: "APPROVED" })).toEqual([
      { path: "state", kind: "added", after: "APPROVED" },
    ]);
    expect(diffEntry({ state: "APPROVED" }, undefined)).toEqual([
      { path: "state", kind: "removed", before: "APPROVED" },
    ]);
    expect(diffEntry({ a: 1 }, { a: 1 })).toEqual([]);
  });

  // Brief ux20 item 3: Digdir answers an unset lifetime as 0; it is Maskinporten's default.
  it("reads a scope lifetime of 0, null or left out as one value (unset), never as a change to 0", () => {
    expect(diffEntry({ description: "a" }, { description: "a", at_max_age: 0 })).toEqual([]);
    expect(diffEntry({ name: "a", authorization_max_lifetime: null }, { name: "a" })).toEqual([]);
    // A scope created without lifetimes (Digdir answers 0): only its other fields are added.
    expect(
      diffEntry(undefined, { name: "a", at_max_age: 0, authorization_max_lifetime: 0 }),
    ).toEqual([{ path: "name", kind: "added", after: "a" }]);
    expect(diffEntry({ at_max_age: 300 }, { at_max_age: 0 })).toEqual([
      { path: "at_max_age", kind: "removed", before: "300" },
    ]);
    // Another field's 0 is a value like any other.
    expect(diffEntry(undefined, { access_token_lifetime: 0 })).toEqual([
      { path: "access_token_lifetime", kind: "added", after: "0" },
    ]);
  });
});
