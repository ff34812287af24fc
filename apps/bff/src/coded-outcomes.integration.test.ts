import {
  type AuditEntry,
  auditMessages,
  type BulkJob,
  type ChangeRequest,
  formatMessage,
  LANGS,
  type Lang,
  type MessageParams,
  type MessageTable,
  orgNumberSequence,
  problemMessages,
} from "@portvakt/contracts";
import { selfServiceMessages } from "@portvakt/maskinporten-rules/self-service-messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uncodedTexts } from "./testing/coded-texts";
import { type ApiCall, startTestStack, type TestStack } from "./testing/stack";

// Issue 14 #13 / defect 2 over real HTTP (BFF, simulator, demo sign-in; SQLite, and PostgreSQL
// when DATABASE_URL is set): audit targets, what an executed change request came to and a bulk
// job row's outcome travel as codes with parameters beside their English, so the pages say them
// in nb, nn and en; the English `target`/`detail` API clients and the CLI read stay as they were.

const DEMO = "/api/envs/demo";
const REVIEW = "prod-review";
let stack: TestStack;
let approver: ApiCall;
let prefix: string;
let seq = 0;

beforeAll(async () => {
  stack = await startTestStack({ withFourEyesEnvironment: true, mutationsPerMinute: 1000 });
  approver = await stack.as("demo-approver");
  const prefixes = (await (await stack.api(`${DEMO}/prefix`)).json()) as Array<{ prefix: string }>;
  prefix = prefixes[0]!.prefix;
}, 60_000);
afterAll(() => stack?.close());

const TABLES: MessageTable<string>[] = [auditMessages, problemMessages, selfServiceMessages];

/** A coded text in `lang` from the tables the web app renders them with; throws when unknown. */
function say(code: string, params: MessageParams | undefined, lang: Lang): string {
  const table = TABLES.find((t) => Object.hasOwn(t.en, code));
  if (!table) throw new Error(`No table has ${code}`);
  return formatMessage(table[lang][code]!, lang, params);
}

/** Words of Portvakt's English that must not show on a Norwegian page. */
const ENGLISH = /\b(consumers?|client|change request|failed|stopped|re-read|Settled)\b/;

/** Valid org numbers (mod 11) from a base no other test file uses. */
const orgNumbers = orgNumberSequence(71_000_000);

async function newScope(): Promise<string> {
  seq += 1;
  const subscope = `coded/${Date.now().toString(36)}${seq}`;
  const created = await stack.api(`${DEMO}/scopes`, {
    method: "POST",
    body: JSON.stringify({ prefix, subscope, description: "Coded outcomes test" }),
  });
  expect(created.status).toBe(200);
  return `${prefix}:${subscope}`;
}

/** When this file started: its entries are the ones written since (a shared PostgreSQL has others'). */
const since = new Date(Date.now() - 60_000).toISOString();

/**
 * The audit entries of `action` written since this file started, as `GET /api/audit` answers
 * them (over HTTP), every page: other files write entries to the same database meanwhile.
 */
async function entriesOf(action: string): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let after: string | undefined;
  do {
    const query = new URLSearchParams({ action, from: since, limit: "1000" });
    if (after) query.set("after", after);
    const response = await stack.api(`/api/audit?${query}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { entries: AuditEntry[]; next?: string };
    all.push(...page.entries);
    after = page.next;
  } while (after);
  return all;
}

/**
 * The audit entry of a bulk job (id = job id), waited for as a condition: a job's status reads
 * `done` a moment before its entry is appended.
 */
async function jobEntry(id: string): Promise<AuditEntry> {
  const until = Date.now() + 30_000;
  for (;;) {
    const found = (await entriesOf("access.grant-many")).find((e) => e.id === id);
    if (found) return found;
    if (Date.now() > until) throw new Error(`No audit entry of job ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An entry's target in `lang` as the audit page joins its parts. */
function targetIn(entry: AuditEntry, lang: Lang): string {
  expect(entry.targetParts?.length, `${entry.action} ${entry.target}`).toBeGreaterThan(0);
  return entry.targetParts!.map((p) => say(p.code, p.params, lang)).join(", ");
}

async function waitForJob(id: string): Promise<BulkJob> {
  const until = Date.now() + 30_000;
  for (;;) {
    const job = (await (await stack.api(`${DEMO}/access-jobs/${id}`)).json()) as BulkJob;
    if (job.status === "done" || job.status === "cancelled") return job;
    if (Date.now() > until) throw new Error(`Job ${id} stuck: ${JSON.stringify(job.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("audit targets", () => {
  it("a grant and a bulk job name their target in parts, with plurals, the English kept", async () => {
    const scope = await newScope();
    const [one, ...many] = orgNumbers(4);
    const granted = await stack.api(
      `${DEMO}/scopes/access/${one}?${new URLSearchParams({ scope })}`,
      { method: "PUT" },
    );
    expect(granted.status).toBe(200);
    const grant = (await entriesOf("access.grant")).find((e) => e.target === `${scope} → ${one}`);
    expect(grant?.targetParts).toEqual([
      { code: "audit.target.grant", params: { scope, orgno: one } },
    ]);

    const started = await stack.api(`${DEMO}/access-jobs`, {
      method: "POST",
      body: JSON.stringify({ action: "grant", scope, orgnos: many }),
    });
    expect(started.status).toBe(202);
    const job = await waitForJob(((await started.json()) as BulkJob).id);
    const bulk = await jobEntry(job.id);
    // The English target as before, its plural now right; the page's in its own language.
    expect(bulk.target).toBe(`${scope} → 3 consumers`);
    expect(targetIn(bulk, "nb")).toBe(`${scope} → 3 konsumenter`);
    expect(targetIn(bulk, "nn")).toBe(`${scope} → 3 konsumentar`);
    expect(targetIn(bulk, "en")).toBe(bulk.target);
  });

  it("a client, its key and a pipeline token: no English word in nb or nn", async () => {
    const created = await stack.api(`${DEMO}/clients`, {
      method: "POST",
      body: JSON.stringify({
        client_name: `coded-${Date.now().toString(36)}`,
        description: "Coded outcomes test",
        scopes: [],
        integration_type: "maskinporten",
        application_type: "web",
        token_endpoint_auth_method: "private_key_jwt",
      }),
    });
    expect(created.status, await created.clone().text()).toBe(200);
    const client = (await created.json()) as { client_id: string };
    const made = (await entriesOf("client.create")).find(
      (e) => e.target === `client ${client.client_id}`,
    )!;
    expect(made.targetParts).toEqual([
      { code: "audit.target.client", params: { id: client.client_id } },
    ]);
    const issued = await stack.api("/api/tokens", {
      method: "POST",
      body: JSON.stringify({ name: "coded-pipeline", role: "viewer", envs: ["demo"], days: 1 }),
    });
    expect(issued.status, await issued.clone().text()).toBe(201);
    const token = (await entriesOf("token.issue")).find((e) =>
      e.target.includes("coded-pipeline"),
    )!;
    expect(token.target).toMatch(/^token coded-pipeline \(/);
    for (const entry of [made, token]) {
      for (const lang of ["nb", "nn"] as const) {
        expect(targetIn(entry, lang)).not.toMatch(ENGLISH);
      }
    }
    expect(targetIn(made, "nn")).toBe(`klient ${client.client_id}`);
  });

  it("entries with coded targets keep the hash chain whole", async () => {
    expect(await stack.bff.audit.verify()).toMatchObject({ ok: true });
  });
});

describe("a bulk job row Digdir refuses", () => {
  it("keeps the problem's code with Digdir's own words as a parameter, stored with the row", async () => {
    const scope = await newScope();
    const orgnos = orgNumbers(3);
    const refused = orgnos[1]!;
    await stack.fault({
      path: `/api/v1/scopes/access/${refused}`,
      method: "PUT",
      kind: "status",
      status: 409,
    });
    try {
      const started = await stack.api(`${DEMO}/access-jobs`, {
        method: "POST",
        body: JSON.stringify({ action: "grant", scope, orgnos }),
      });
      expect(started.status).toBe(202);
      const job = await waitForJob(((await started.json()) as BulkJob).id);
      const row = job.rows.find((r) => r.orgno === refused)!;
      expect(row).toMatchObject({ state: "failure", status: 409 });
      // The English detail for API clients, the code for the page (read back from the database).
      expect(row.detail).toBeTruthy();
      expect(row.code).toBeTruthy();
      for (const lang of LANGS) expect(say(row.code!, row.params, lang)).toBeTruthy();
      // Digdir's own sentence is Digdir's: a parameter, quoted as what Digdir said, after
      // Portvakt's explanation of a 409 in the page's language.
      expect(row.code).toBe("upstream.409");
      expect(row.params).toEqual({ digdir: "Injected fault: HTTP 409" });
      expect(row.detail).toContain('Digdir said: "Injected fault: HTTP 409"');
      const nb = say(row.code!, row.params, "nb");
      expect(nb).toMatch(/^409 Conflict: det du vil endre, er i feil tilstand/);
      expect(nb).toMatch(/Digdir sa: «Injected fault: HTTP 409»\.$/);
      expect(say(row.code!, row.params, "nn")).toMatch(/endringa .*Digdir sa: «Injected fault/);
      // Rows that went through carry no detail and no code.
      for (const ok of job.rows.filter((r) => r.state === "success")) {
        expect(ok.code).toBeUndefined();
      }
      // No uncoded English anywhere in the job's answer, nor in its audit entry (its `after`
      // lists each row's outcome with the same code).
      expect(uncodedTexts(job)).toEqual([]);
      const entry = await jobEntry(job.id);
      expect(uncodedTexts(entry)).toEqual([]);
      expect(entry.after).toContainEqual(
        expect.objectContaining({ orgno: refused, code: "upstream.409" }),
      );
    } finally {
      await stack.clearFaults();
    }
  });
});

describe("an executed change request", () => {
  async function request(name: string): Promise<ChangeRequest> {
    const asked = await stack.api(`/api/envs/${REVIEW}/scopes`, {
      method: "POST",
      body: JSON.stringify({
        prefix: "digdir",
        subscope: name.slice("digdir:".length),
        description: "Coded outcomes test",
      }),
    });
    expect(asked.status).toBe(202);
    return ((await asked.json()) as { changeRequest: ChangeRequest }).changeRequest;
  }

  it("that failed says why in a code (the replayed route's problem); its target is coded", async () => {
    seq += 1;
    const name = `digdir:coded${Date.now().toString(36)}${seq}`;
    const first = await request(name);
    const second = await request(name);
    expect(first.targetParts).toEqual([{ code: "audit.target.scope", params: { scope: name } }]);
    expect(
      (await approver(`/api/change-requests/${first.id}/approve`, { method: "POST" })).status,
    ).toBe(200);
    const approved = await approver(`/api/change-requests/${second.id}/approve`, {
      method: "POST",
    });
    expect(approved.status).toBe(200);

    // As the list answers it (read back from the database).
    const listed = await stack.api("/api/change-requests?state=executed");
    const { changeRequests } = (await listed.json()) as { changeRequests: ChangeRequest[] };
    const failed = changeRequests.find((r) => r.id === second.id)!;
    expect(failed.outcome).toBe("failure");
    expect(failed.result?.status).toBe(409);
    expect(failed.result?.detail).toBeTruthy();
    expect(failed.result?.code).toBe("problem.scope.exists");
    expect(uncodedTexts(changeRequests)).toEqual([]);
    for (const lang of ["nb", "nn"] as const) {
      const text = say(failed.result!.code!, failed.result!.params, lang);
      expect(text).not.toBe(failed.result!.detail);
      expect(text).not.toMatch(ENGLISH);
    }

    // The approval's audit entry: "change request <id> (<action>), <scope>" in parts.
    const approval = (await entriesOf("change-request.approve")).find((e) =>
      e.target.includes(second.id),
    )!;
    expect(approval.target).toBe(`change request ${second.id}: scope.create ${name}`);
    expect(approval.targetParts).toEqual([
      { code: "audit.target.change-request", params: { id: second.id, action: "scope.create" } },
      { code: "audit.target.scope", params: { scope: name } },
    ]);
    expect(targetIn(approval, "nn")).toBe(
      `endringsførespurnad ${second.id} (scope.create), ${name}`,
    );
  });
});
