import { describe, expect, it } from "vitest";
import { type ConfigDocument, parseDocument } from "./document";
import type { LiveState } from "./live-state";
import { planChanges } from "./plan";
import {
  chooseSteps,
  PromotionError,
  type PromotionMapping,
  parseMapping,
  promoteDocument,
} from "./promote";

const ENVS = { from: "test", to: "prod" };

/** test: digdir:a granted to the test org 310000019 (prod 974760673), a client with a key. */
const SOURCE = parseDocument(`
version: 1
environment: test
scopes:
  - name: digdir:a
    description: A
    consumers: ["310000019", "889640782"]
  - name: digdir:ny
    description: Ny
    consumers: ["310000019"]
clients:
  - name: Klient test
    client_id: test-id-1
    description: Klienten
    scopes: [digdir:a, digdir:ny]
    keys:
      - kid: test-key-2025
`);

/** prod: digdir:a granted to 889640782 only; the client has its own key; another prefix. */
const TARGET = parseDocument(`
version: 1
environment: prod
scopes:
  - name: digdir:a
    description: A
    consumers: ["889640782"]
  - name: annet:egen
    description: Bare i prod
clients:
  - name: Klient
    description: Gammel tekst
    scopes: [digdir:a]
    keys:
      - kid: prod-key-2025
`);

const MAPPING = parseMapping(`
from: test
to: prod
organizations:
  "310000019": "974760673"
  "889640782": "889640782"
prefixes:
  digdir: digdir
clients:
  Klient test: Klient
`);

const promote = (mapping: PromotionMapping = MAPPING, source: ConfigDocument = SOURCE) =>
  promoteDocument(source, TARGET, mapping, ENVS);

function codesOf(run: () => unknown): { code: string; path: string; params: unknown }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof PromotionError)
      return error.issues.map(({ code, path, params }) => ({ code, path, params }));
    throw error;
  }
  throw new Error("no PromotionError");
}

describe("promoteDocument", () => {
  it("maps org numbers, prefixes and client names; keeps the target's keys and other prefixes", () => {
    expect(promote()).toEqual({
      version: 1,
      environment: "prod",
      scopes: [
        { name: "digdir:a", description: "A", consumers: ["889640782", "974760673"] },
        { name: "digdir:ny", description: "Ny", consumers: ["974760673"] },
        { name: "annet:egen", description: "Bare i prod" },
      ],
      clients: [
        {
          name: "Klient",
          description: "Klienten",
          scopes: ["digdir:a", "digdir:ny"],
          keys: [{ kid: "prod-key-2025" }],
        },
      ],
    });
  });

  it("never promotes a key: a client new in the target gets none, the source's client_id is dropped", () => {
    const { clients: renamed, ...rest } = MAPPING;
    const document = promote({ ...rest, clients: {} });
    expect(document.clients).toEqual([
      {
        name: "Klient test",
        description: "Klienten",
        scopes: ["digdir:a", "digdir:ny"],
        keys: [],
      },
    ]);
    expect(renamed).toEqual({ "Klient test": "Klient" });
  });

  it("leaves out an organisation mapped to null", () => {
    const document = promote({
      ...MAPPING,
      organizations: { ...MAPPING.organizations, "310000019": null },
    });
    expect(document.scopes?.map((s) => [s.name, s.consumers])).toEqual([
      ["digdir:a", ["889640782"]],
      ["digdir:ny", []],
      ["annet:egen", undefined],
    ]);
  });

  it("names every unmapped organisation and prefix once, with the path in the source", () => {
    const mapping: PromotionMapping = { ...MAPPING, organizations: {}, prefixes: {} };
    expect(codesOf(() => promote(mapping))).toEqual([
      {
        code: "unmapped-prefix",
        path: "scopes[0].name",
        params: { prefix: "digdir", scope: "digdir:a", to: "prod" },
      },
      {
        code: "unmapped-organization",
        path: "scopes[0].consumers[0]",
        params: { orgno: "310000019", to: "prod" },
      },
      {
        code: "unmapped-organization",
        path: "scopes[0].consumers[1]",
        params: { orgno: "889640782", to: "prod" },
      },
    ]);
  });

  it("refuses a mapping written for other environments", () => {
    expect(
      codesOf(() => promoteDocument(SOURCE, TARGET, MAPPING, { from: "test", to: "prod2" })),
    ).toEqual([
      {
        code: "environment-mismatch",
        path: "to",
        params: { field: "to", mapping: "prod", actual: "prod2" },
      },
    ]);
  });

  it("refuses two source scopes mapped onto one target name", () => {
    const source = parseDocument(`
version: 1
scopes:
  - { name: "digdir:x", description: X }
  - { name: "difi:x", description: Y }
`);
    const mapping = { ...MAPPING, prefixes: { digdir: "digdir", difi: "digdir" } };
    expect(codesOf(() => promote(mapping, source)).map((i) => [i.code, i.path])).toEqual([
      ["document-invalid", "scopes[1].name"],
    ]);
  });
});

describe("parseMapping", () => {
  it("reads a mapping file saved with a byte-order mark, as JSON or YAML", () => {
    const json = `\uFEFF${JSON.stringify({ prefixes: { digdir: "difi" } })}`;
    expect(parseMapping(json).prefixes).toEqual({ digdir: "difi" });
    expect(parseMapping(json, "json").prefixes).toEqual({ digdir: "difi" });
    expect(parseMapping("\uFEFFprefixes:\r\n  digdir: difi\r\n").prefixes).toEqual({
      digdir: "difi",
    });
  });

  it("reads an empty file as an empty mapping", () => {
    expect(parseMapping("{}")).toEqual({ organizations: {}, prefixes: {}, clients: {} });
  });

  it("names each bad entry: an unquoted or invalid org number, an unknown key, a bad prefix", () => {
    const issues = codesOf(() =>
      parseMapping(`
organizations:
  "310000019": 974760673
  "123": "974760673"
prefixes:
  "Digdir!": digdir
colour: blue
`),
    );
    expect(issues.every((i) => i.code === "mapping-invalid")).toBe(true);
    expect(issues.map((i) => i.path).sort()).toEqual([
      "",
      "organizations.123",
      "organizations.310000019",
      "prefixes.Digdir!",
    ]);
  });

  it("refuses text that is no YAML", () => {
    expect(codesOf(() => parseMapping("organizations: [")).map((i) => i.code)).toEqual([
      "mapping-invalid",
    ]);
  });
});

describe("chooseSteps", () => {
  const live: LiveState = {
    scopes: [],
    grants: {},
    clients: [],
    prefixes: ["digdir"],
  };
  const plan = planChanges(
    parseDocument(`
version: 1
scopes:
  - { name: "digdir:ny", description: Ny, consumers: ["974760673"] }
clients:
  - { name: K, description: K, scopes: ["digdir:ny"] }
`),
    live,
    { environment: "prod", production: true },
  );

  it("answers the chosen steps in the plan's order", () => {
    expect(
      chooseSteps(plan, ["access.grant:digdir:ny@974760673", "scope.create:digdir:ny"]).map(
        (s) => s.id,
      ),
    ).toEqual(["scope.create:digdir:ny", "access.grant:digdir:ny@974760673"]);
  });

  it("refuses a grant or a client whose scope's creation is left out, and an unknown id", () => {
    expect(
      codesOf(() =>
        chooseSteps(plan, ["access.grant:digdir:ny@974760673", "client.create:K", "nope"]),
      ),
    ).toEqual([
      { code: "unknown-step", path: "steps", params: { step: "nope" } },
      {
        code: "step-needs",
        path: "steps",
        params: { step: "access.grant:digdir:ny@974760673", needs: "scope.create:digdir:ny" },
      },
      {
        code: "step-needs",
        path: "steps",
        params: { step: "client.create:K", needs: "scope.create:digdir:ny" },
      },
    ]);
  });
});
