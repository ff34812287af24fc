import { generateKeyPairSync } from "node:crypto";
import {
  type AccessState,
  type Client,
  formatMessage,
  type Jwk,
  messageTableProblems,
  type Scope,
  type ScopeAccess,
} from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { Plan } from "./answer";
import { type ConfigDocument, DocumentError, parseDocument } from "./document";
import { exportDocument, formatDocument } from "./export";
import type { LiveClientRecord, LiveScope, LiveState } from "./live-state";
import { configMessages } from "./messages";
import { planChanges, STEP_KINDS } from "./plan";

const OWNER = "991825827";
const NAV = "889640782";
const BRREG = "974760673";
const DEMO_AS = "910000004";
const T = "2025-01-01T00:00:00.000Z";

function rsaKey(kid: string): Jwk {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  return { kty: "RSA", use: "sig", alg: "RS256", kid, n: String(jwk.n), e: String(jwk.e) };
}
const KEY_1 = rsaKey("klient-2025");
const KEY_2 = rsaKey("klient-2026");

function scope(name: string, fields: Partial<Scope> = {}): LiveScope {
  const [prefix, subscope] = [name.slice(0, name.indexOf(":")), name.slice(name.indexOf(":") + 1)];
  return {
    name,
    prefix,
    subscope,
    description: `Beskrivelse av ${name}`,
    active: true,
    visibility: "PUBLIC",
    allowed_integration_types: [],
    token_type: "SELF_CONTAINED",
    at_max_age: 0,
    authorization_max_lifetime: 0,
    requires_user_consent: false,
    requires_user_authentication: false,
    requires_pseudonymous_tokens: false,
    accessible_for_all: false,
    owner_orgno: OWNER,
    created: T,
    last_updated: T,
    ...fields,
  };
}

function grant(scopeName: string, consumer: string, state: AccessState): ScopeAccess {
  return {
    scope: scopeName,
    state,
    consumer_orgno: consumer,
    consumer_organization_name: `Org ${consumer}`,
    owner_orgno: OWNER,
    created: T,
    last_updated: T,
  };
}

function client(name: string, fields: Partial<Client> = {}): LiveClientRecord {
  return {
    client_id: `id-${name}`,
    client_name: name,
    description: `Klienten ${name}`,
    integration_type: "maskinporten",
    application_type: "web",
    token_endpoint_auth_method: "private_key_jwt",
    grant_types: ["urn:ietf:params:oauth:grant-type:jwt-bearer"],
    scopes: ["digdir:a"],
    client_orgno: OWNER,
    active: true,
    access_token_lifetime: 120,
    created: T,
    last_updated: T,
    ...fields,
  };
}

/** digdir:a (NAV approved, BRREG requested), digdir:b (deactivated), digdir:open (for all). */
function live(): LiveState {
  return {
    scopes: [
      scope("digdir:a"),
      scope("digdir:b", { active: false }),
      scope("digdir:open", { accessible_for_all: true }),
    ],
    grants: {
      "digdir:a": [grant("digdir:a", NAV, "APPROVED"), grant("digdir:a", BRREG, "REQUESTED")],
      "digdir:b": [],
      "digdir:open": [],
    },
    clients: [{ client: client("Klient"), keys: [KEY_1] }],
    prefixes: ["difi", "digdir"],
  };
}

/** The live state as a document, to edit in each test. */
function current(): ConfigDocument {
  return structuredClone(exportDocument(live(), { environment: "test" }));
}

const plan = (document: ConfigDocument, production = false, state = live()) =>
  planChanges(document, state, { environment: "test", production });
const kinds = (p: Plan) => p.steps.map((step) => step.kind);
/** Any step, its kind-specific members readable without narrowing on `kind` first. */
type AnyStep = Plan["steps"][number] & {
  scope?: string;
  client?: { name: string; client_id?: string };
  consumer?: { orgno: string; name?: string };
  kid?: string;
};
const step = (p: Plan, id: string): AnyStep => {
  const found = p.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id} in ${p.steps.map((s) => s.id).join(", ")}`);
  return found;
};
const scopeEntry = (doc: ConfigDocument, name: string) => doc.scopes!.find((s) => s.name === name)!;

describe("plan texts", () => {
  it("every code has a valid text in nb, nn and en", () => {
    expect(messageTableProblems(configMessages)).toEqual([]);
  });
});

describe("plan", () => {
  it("is empty for the exported state itself", () => {
    const p = plan(current());
    expect(p.steps).toEqual([]);
    expect(p.fingerprint).toMatch(/^sha256:/);
    expect(p.warnings).toEqual([]);
  });

  it("creates a scope and grants it, creating before granting", () => {
    const doc = current();
    doc.scopes!.push({
      name: "digdir:ny/v1",
      description: "Ny",
      visibility: "PRIVATE",
      consumers: [NAV],
    });
    const p = plan(doc);
    expect(p.steps.map((s) => s.id)).toEqual([
      "scope.create:digdir:ny/v1",
      "access.grant:digdir:ny/v1@889640782",
    ]);
    const create = step(p, "scope.create:digdir:ny/v1");
    expect(create).toMatchObject({ dangerous: false, before: null });
    expect(create.after).toMatchObject({ description: "Ny", visibility: "PRIVATE", active: true });
    expect(create.changes).toContainEqual({
      field: "visibility",
      before: undefined,
      after: "PRIVATE",
    });
    expect(p.groups.scopes.map((g) => g.name)).toEqual(["digdir:ny/v1"]);
    // Issue 14, defect 1: the plan in JSON (create steps have no `before`) is what the
    // package's schema, used by the BFF and the web app, accepts.
    expect(Plan.safeParse(JSON.parse(JSON.stringify(p))).error).toBeUndefined();
    expect(create.texts.summary).toEqual({
      code: "config.step.scope.create",
      params: { name: "digdir:ny/v1" },
      detail: "Create scope digdir:ny/v1",
    });
  });

  it("refuses a scope under a prefix the organisation does not hold, with the path", () => {
    const doc = current();
    doc.scopes!.push({ name: "nav:fremmed", description: "Ikke vår" });
    expect(() => plan(doc)).toThrowError(DocumentError);
    try {
      plan(doc);
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      expect(error.issues).toEqual([
        {
          path: "scopes[3].name",
          message: expect.stringContaining('prefix "nav"'),
          code: "config.document.prefix-not-held",
          params: { prefix: "nav", held: "difi, digdir" },
        },
      ]);
    }
  });

  it("updates changed fields with before and after", () => {
    const doc = current();
    scopeEntry(doc, "digdir:a").description = "Ny beskrivelse";
    scopeEntry(doc, "digdir:a").at_max_age = 300;
    const update = step(plan(doc), "scope.update:digdir:a");
    expect(update.dangerous).toBe(false);
    expect(update.changes).toEqual([
      { field: "description", before: "Beskrivelse av digdir:a", after: "Ny beskrivelse" },
      { field: "at_max_age", before: null, after: 300 },
    ]);
  });

  // Brief ux20 item 3 (issue 14, 8g's kind): an unset lifetime is Maskinporten's default, which
  // Digdir answers as 0; it is never shown or sent as a 0 of the document's.
  it("leaves unset lifetimes out of a created scope: no 0 in its record, changes or body", () => {
    const doc = current();
    doc.scopes!.push({ name: "digdir:ny/uten-levetid", description: "Ny" });
    const create = step(plan(doc), "scope.create:digdir:ny/uten-levetid");
    expect(create.after).toMatchObject({ at_max_age: null, authorization_max_lifetime: null });
    const fields = create.changes.map((change) => change.field);
    expect(fields).not.toContain("at_max_age");
    expect(fields).not.toContain("authorization_max_lifetime");
  });

  it("reads a lifetime left out, 0 and missing from Digdir's answer as one value: no change", () => {
    for (const [answered, written] of [
      [undefined, undefined],
      [0, undefined],
      [undefined, 0],
      [0, 0],
    ] as const) {
      const state = live();
      const sparse = { ...state.scopes[0]! };
      delete sparse.at_max_age;
      delete sparse.authorization_max_lifetime;
      state.scopes[0] = {
        ...sparse,
        ...(answered !== undefined ? { at_max_age: answered } : {}),
      };
      const doc = structuredClone(exportDocument(state, { environment: "test" }));
      expect(scopeEntry(doc, "digdir:a")).not.toHaveProperty("at_max_age");
      expect(scopeEntry(doc, "digdir:a")).not.toHaveProperty("authorization_max_lifetime");
      if (written !== undefined) scopeEntry(doc, "digdir:a").at_max_age = written;
      expect(plan(doc, false, state).steps, `answered ${answered}, written ${written}`).toEqual([]);
    }
  });

  it("sets a lifetime back to Maskinporten's default as a change to unset (null), not to 0", () => {
    const state = live();
    state.scopes[0] = { ...state.scopes[0]!, at_max_age: 300, authorization_max_lifetime: 600 };
    const doc = current();
    const update = step(plan(doc, false, state), "scope.update:digdir:a");
    expect(update.changes).toEqual([
      { field: "at_max_age", before: 300, after: null },
      { field: "authorization_max_lifetime", before: 600, after: null },
    ]);
  });

  it("reactivates a deactivated scope", () => {
    const doc = current();
    delete scopeEntry(doc, "digdir:b").active;
    const p = plan(doc);
    expect(kinds(p)).toEqual(["scope.reactivate"]);
    expect(p.steps[0]!.changes[0]).toEqual({ field: "active", before: false, after: true });
  });

  it("grants a consumer whose access is only requested, showing the old state", () => {
    const doc = current();
    scopeEntry(doc, "digdir:a").consumers = [NAV, BRREG, DEMO_AS];
    const p = plan(doc);
    expect(p.steps.map((s) => [s.id, s.before, s.dangerous])).toEqual([
      ["access.grant:digdir:a@910000004", null, false],
      ["access.grant:digdir:a@974760673", { state: "REQUESTED" }, false],
    ]);
  });

  it("flags a revoke as dangerous", () => {
    const doc = current();
    scopeEntry(doc, "digdir:a").consumers = [];
    const revoke = step(plan(doc), "access.revoke:digdir:a@889640782");
    expect(revoke).toMatchObject({ dangerous: true, after: { state: "DENIED" } });
    expect(revoke.dangers[0]).toContain("loses access");
  });

  it("flags deactivating a scope that keeps grants", () => {
    const doc = current();
    scopeEntry(doc, "digdir:a").active = false;
    const p = plan(doc);
    expect(kinds(p)).toEqual(["scope.deactivate"]);
    expect(p.steps[0]!.dangers[0]).toBe(
      "1 organisation keeps an approved grant of the deactivated scope and keeps seeing it",
    );
    const coded = p.steps[0]!.texts.dangers[0]!;
    expect(coded).toMatchObject({ code: "config.danger.grants-remain", params: { count: 1 } });
    const template = configMessages.nn["config.danger.grants-remain"];
    expect(formatMessage(template, "nn", coded.params)).toBe(
      "1 organisasjon beheld ein godkjend tilgang til det deaktiverte scopet og ser det framleis",
    );
  });

  it("revokes before deactivating a scope left out of the document", () => {
    const doc = current();
    doc.scopes = doc.scopes!.filter((s) => s.name !== "digdir:a");
    const p = plan(doc);
    expect(p.steps.map((s) => s.id)).toEqual([
      "access.revoke:digdir:a@889640782",
      "scope.deactivate:digdir:a",
    ]);
    expect(p.steps.every((s) => s.dangerous)).toBe(true);
    expect(p.steps[1]!.dangers[0]).toContain("revoked by this plan first");
  });

  it("flags deactivating a scope accessible to all; a deactivated scope left out stays", () => {
    const doc = current();
    doc.scopes = doc.scopes!.filter((s) => s.name !== "digdir:open" && s.name !== "digdir:b");
    const p = plan(doc);
    expect(p.steps.map((s) => s.id)).toEqual(["scope.deactivate:digdir:open"]);
    expect(p.steps[0]!.dangers).toEqual([
      "the scope is accessible to all organisations, without grants",
    ]);
  });

  it("deactivates without danger a scope nobody uses", () => {
    const state = live();
    state.scopes.push(scope("digdir:ubrukt"));
    state.grants["digdir:ubrukt"] = [grant("digdir:ubrukt", NAV, "DENIED")];
    const p = plan(current(), false, state);
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]).toMatchObject({ id: "scope.deactivate:digdir:ubrukt", dangerous: false });
  });

  it("creates a client with its key", () => {
    const doc = current();
    doc.clients!.push({
      name: "Ny klient",
      description: "Henter data",
      scopes: ["digdir:a"],
      keys: [{ kid: "ny-2025", jwk: { ...KEY_2, kid: undefined } }],
    });
    const p = plan(doc);
    expect(p.steps.map((s) => s.id)).toEqual(["client.create:Ny klient", "key.add:ny-2025"]);
    expect(step(p, "client.create:Ny klient").after).toEqual({
      client_name: "Ny klient",
      description: "Henter data",
      scopes: ["digdir:a"],
      access_token_lifetime: 120,
    });
    expect(step(p, "key.add:ny-2025").after).toMatchObject({ kid: "ny-2025", n: KEY_2.n });
    expect(p.groups.clients).toEqual([{ name: "Ny klient", steps: [p.steps[0], p.steps[1]] }]);
  });

  it("updates a client's scopes and lifetime", () => {
    const doc = current();
    doc.clients![0]!.scopes = ["digdir:a", "digdir:open"];
    doc.clients![0]!.access_token_lifetime = 300;
    const update = step(plan(doc), "client.update:Klient");
    expect(update.client).toEqual({ name: "Klient", client_id: "id-Klient" });
    expect(update.changes).toEqual([
      { field: "scopes", before: ["digdir:a"], after: ["digdir:a", "digdir:open"] },
      { field: "access_token_lifetime", before: 120, after: 300 },
    ]);
  });

  it("rotates a key: adds the new one before removing the old, not dangerous", () => {
    const doc = current();
    doc.clients![0]!.keys = [{ kid: KEY_2.kid, jwk: KEY_2 }];
    const p = plan(doc);
    expect(p.steps.map((s) => [s.id, s.dangerous])).toEqual([
      ["key.add:klient-2026", false],
      ["key.remove:klient-2025", false],
    ]);
  });

  it("flags removing a client's last key", () => {
    const doc = current();
    doc.clients![0]!.keys = [];
    const p = plan(doc);
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]).toMatchObject({ id: "key.remove:klient-2025", dangerous: true });
    expect(p.steps[0]!.dangers[0]).toContain("left without keys");
  });

  it("keeps a key referred to by kid alone, and refuses an unknown kid without material", () => {
    const doc = current();
    doc.clients![0]!.keys = [{ kid: KEY_1.kid }];
    expect(plan(doc).steps).toEqual([]);
    doc.clients![0]!.keys = [{ kid: KEY_1.kid }, { kid: "ukjent" }];
    expect(() => plan(doc)).toThrowError(
      /clients\[0\]\.keys\[1\]: The kid "ukjent" is not registered/,
    );
  });

  it("refuses a registered kid with other key material", () => {
    const doc = current();
    doc.clients![0]!.keys = [{ kid: KEY_1.kid, jwk: { ...KEY_2, kid: KEY_1.kid } }];
    expect(() => plan(doc)).toThrowError(/registered with other key material/);
  });

  it("matches clients by client_id before name, and refuses an unknown client_id", () => {
    const doc = current();
    doc.clients![0] = { ...doc.clients![0]!, client_id: "id-Klient", name: "Omdøpt" };
    const p = plan(doc);
    expect(p.steps.map((s) => s.id)).toEqual(["client.update:Omdøpt"]);
    expect(p.steps[0]!.changes).toEqual([
      { field: "client_name", before: "Klient", after: "Omdøpt" },
    ]);
    doc.clients![0]!.client_id = "finnes-ikke";
    expect(() => plan(doc)).toThrowError(/clients\[0\]\.client_id/);
  });

  it("refuses to guess between two clients of the same name", () => {
    const state = live();
    state.clients.push({ client: client("Klient", { client_id: "id-2" }), keys: [] });
    expect(() => plan(current(), false, state)).toThrowError(/2 clients are named "Klient"/);
  });

  it("leaves clients missing from the document alone, with a warning", () => {
    const doc = current();
    doc.clients = [];
    const p = plan(doc);
    expect(p.steps).toEqual([]);
    expect(p.warnings[0]).toContain('"Klient" (id-Klient) is not in the document');
  });

  it("flags every step in production", () => {
    const doc = current();
    scopeEntry(doc, "digdir:a").description = "Endret";
    scopeEntry(doc, "digdir:a").consumers = [NAV, DEMO_AS];
    const p = plan(doc, true);
    expect(p.production).toBe(true);
    expect(p.steps.map((s) => [s.kind, s.dangerous, s.dangers])).toEqual([
      ["scope.update", true, ["this is the production environment"]],
      ["access.grant", true, ["this is the production environment"]],
    ]);
  });

  it("refuses a document for another environment", () => {
    expect(() =>
      planChanges(current(), live(), { environment: "prod", production: true }),
    ).toThrowError(/environment: The document is for the environment "test", not "prod"/);
  });

  it("orders steps create, reactivate, update, grant, revoke, clients, keys, deactivate", () => {
    const doc = current();
    scopeEntry(doc, "digdir:a").active = false;
    scopeEntry(doc, "digdir:a").consumers = [BRREG];
    delete scopeEntry(doc, "digdir:b").active;
    scopeEntry(doc, "digdir:open").description = "Endret";
    doc.scopes!.push({ name: "digdir:c", description: "Ny", consumers: [NAV] });
    doc.clients![0]!.scopes = ["digdir:c"];
    doc.clients![0]!.keys = [{ kid: KEY_2.kid, jwk: KEY_2 }];
    doc.clients!.push({ name: "Ny", description: "Ny klient" });
    const p = plan(doc);
    expect(kinds(p)).toEqual([
      "scope.create",
      "scope.reactivate",
      "scope.update",
      "access.grant",
      "access.grant",
      "access.revoke",
      "client.create",
      "client.update",
      "key.add",
      "key.remove",
      "scope.deactivate",
    ]);
    const order = kinds(p).map((kind) => STEP_KINDS.indexOf(kind));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(p.summary).toMatchObject({ total: 11, byKind: { "access.grant": 2 } });
  });

  it("gives the same ids when planned again", () => {
    const doc = current();
    doc.scopes = [];
    expect(plan(doc).steps.map((s) => s.id)).toEqual(plan(doc).steps.map((s) => s.id));
  });
});

describe("document", () => {
  it("reads YAML anchors, aliases and merge keys (<<) for settings shared by several entries", () => {
    const text = [
      "version: 1",
      "scopes:",
      "  - &api",
      "    name: digdir:a",
      "    description: Felles beskrivelse",
      "    at_max_age: 120",
      "    consumers: &consumers ['889640782']",
      "  - <<: *api",
      "    name: digdir:b",
      "    consumers: *consumers",
    ].join("\n");
    const doc = parseDocument(text);
    expect(doc.scopes?.[1]).toMatchObject({
      name: "digdir:b",
      description: "Felles beskrivelse",
      at_max_age: 120,
      consumers: ["889640782"],
    });
    expect(doc.scopes?.[0]?.name).toBe("digdir:a");
  });

  it("reads a document saved with a byte-order mark (Windows tools write one), YAML or JSON, with CRLF", () => {
    const yaml = "version: 1\nscopes:\n  - name: digdir:a\n    description: Beskrivelse\n";
    const json = JSON.stringify({
      version: 1,
      scopes: [{ name: "digdir:a", description: "Beskrivelse" }],
    });
    for (const [name, text, format] of [
      ["YAML", `\uFEFF${yaml}`, undefined],
      ["YAML, CRLF", `\uFEFF${yaml.replace(/\n/g, "\r\n")}`, undefined],
      ["JSON", `\uFEFF${json}`, undefined],
      ["JSON, told", `\uFEFF${json}`, "json"],
    ] as const) {
      const doc = (() => {
        try {
          return parseDocument(text, format);
        } catch (error) {
          throw new Error(`${name}: ${(error as Error).message}`);
        }
      })();
      expect(doc.scopes?.[0]?.name, name).toBe("digdir:a");
    }
  });

  it("reads a list written empty in YAML (`consumers:`) as none, wherever a list goes", () => {
    const text = [
      "version: 1",
      "scopes:",
      "  - name: digdir:a",
      "    description: Beskrivelse av digdir:a",
      "    visibility: PUBLIC",
      "    allowed_integration_types:",
      "    consumers:",
      "clients:",
      "  - name: Klient",
      "    client_id: id-Klient",
      "    description: Klienten Klient",
      "    scopes:",
      "    keys:",
    ].join("\n");
    const doc = parseDocument(text);
    expect(doc.scopes![0]).toMatchObject({ consumers: [], allowed_integration_types: [] });
    expect(doc.clients![0]).toMatchObject({ scopes: [], keys: [] });
    expect(parseDocument("version: 1\nscopes:\nclients:\n")).toMatchObject({
      scopes: [],
      clients: [],
    });
    // None means none: NAV's approved access to digdir:a is revoked, as with `consumers: []`.
    const withEmptyList = parseDocument(text.replace("    consumers:", "    consumers: []"));
    expect(kinds(plan(doc))).toEqual(kinds(plan(withEmptyList)));
    expect(plan(doc).steps.map((s) => s.id)).toContain("access.revoke:digdir:a@889640782");
    // Only lists: an empty required text is still refused.
    expect(() =>
      parseDocument("version: 1\nscopes:\n  - name: digdir:a\n    description:\n"),
    ).toThrowError(/scopes\[0\]\.description/);
  });

  it("refuses an invalid org number and scope name before planning, with the path", () => {
    const text = [
      "version: 1",
      "scopes:",
      "  - name: digdir:ok",
      "    description: OK",
      '    consumers: ["889640782", "889640783"]',
      "  - name: Digdir:Feil",
      "    description: Feil",
      "clients:",
      "  - name: K",
      "    description: K",
      "    scopes: [digdir:ok, ugyldig]",
    ].join("\n");
    try {
      parseDocument(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DocumentError);
      if (!(error instanceof DocumentError)) throw error;
      // Each issue carries its code too, so the console shows it in nb, nn or en (issue 14 #4).
      expect(error.issues).toEqual([
        expect.objectContaining({
          path: "scopes[0].consumers[1]",
          message: expect.stringContaining("check digit"),
          code: expect.any(String),
        }),
        expect.objectContaining({
          path: "scopes[1].name",
          message: expect.stringContaining("prefix"),
          code: expect.any(String),
        }),
        expect.objectContaining({
          path: "clients[0].scopes[1]",
          message: "A scope name is prefix:subscope",
          code: expect.any(String),
        }),
      ]);
    }
  });

  it("says how to write an org number YAML read as a number", () => {
    expect(() =>
      parseDocument(
        "version: 1\nscopes:\n  - name: a:b\n    description: x\n    consumers: [889640782]\n",
      ),
    ).toThrowError(/scopes\[0\]\.consumers\[0\]: Write the organisation number as a quoted string/);
  });

  it("reads org numbers as people write them: spaced, 0192:, NO…MVA", () => {
    const document = parseDocument(
      'version: 1\nscopes:\n  - name: a:b\n    description: x\n    consumers: ["889 640 782", "0192:974760673", "NO991825827MVA"]\n',
    );
    expect(document.scopes?.[0]?.consumers).toEqual(["889640782", "974760673", "991825827"]);
    // The same consumer twice, once spaced: one consumer.
    expect(() =>
      parseDocument(
        'version: 1\nscopes:\n  - name: a:b\n    description: x\n    consumers: ["889640782", "889 640 782"]\n',
      ),
    ).toThrowError(/889640782/);
  });

  it("refuses unknown fields, duplicates, a private key and unreadable text", () => {
    expect(() => parseDocument("version: 1\nscopez: []\n")).toThrowError(/scopez/);
    expect(() =>
      parseDocument(
        "version: 1\nscopes:\n  - {name: a:b, description: x}\n  - {name: a:b, description: y}\n",
      ),
    ).toThrowError(/scopes\[1\]\.name: a:b is already declared at scopes\[0\]/);
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const privateJwk = privateKey.export({ format: "jwk" });
    const doc = {
      version: 1,
      clients: [{ name: "K", description: "K", keys: [{ kid: "k", jwk: privateJwk }] }],
    };
    expect(() => parseDocument(JSON.stringify(doc), "json")).toThrowError(
      /clients\[0\]\.keys\[0\]\.jwk\.d: This JWK contains the private member "d"/,
    );
    expect(() => parseDocument("version: 1\n  bad: [", "yaml")).toThrowError(
      /not readable as YAML/,
    );
    expect(() => parseDocument("{", "json")).toThrowError(/not readable as JSON/);
    expect(() => parseDocument("version: 2\n")).toThrowError(/version must be 1/);
  });

  it("reads back what export writes, in YAML and JSON", () => {
    const doc = exportDocument(live(), { environment: "test" });
    expect(parseDocument(formatDocument(doc, "yaml"))).toEqual(doc);
    expect(parseDocument(formatDocument(doc, "json"), "json")).toEqual(doc);
  });
});

describe("a document with text that is not well-formed Unicode", () => {
  it("is refused with the path of the string (YAML and JSON escapes alike)", () => {
    const yaml =
      'version: 1\nenvironment: test\nscopes:\n  - name: digdir:a\n    description: "x\\ud800"\n';
    expect(() => parseDocument(yaml)).toThrowError(DocumentError);
    try {
      parseDocument(yaml);
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      expect(error.issues).toEqual([
        {
          path: "scopes[0].description",
          message: "Not well-formed Unicode text (a lone surrogate)",
          code: "problem.field.malformed-unicode",
        },
      ]);
    }
    const json =
      '{"version":1,"environment":"test","scopes":[{"name":"digdir:a","description":"\\udfff"}]}';
    expect(() => parseDocument(json, "json")).toThrowError(DocumentError);
    expect(() =>
      parseDocument(
        '{"version":1,"environment":"test","scopes":[{"name":"digdir:a","description":"😀"}]}',
        "json",
      ),
    ).not.toThrow();
  });
});
