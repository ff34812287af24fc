/**
 * Measures the two hot paths the issue cares about: listing 10,000 grants of one scope, and
 * verifying an x5c JWT grant at /token. Run with `pnpm --filter @portvakt/simulator perf`.
 */
import { isValidOrgNumber } from "@portvakt/contracts";
import { startSimulator } from "./index";
import { certificateGrant, providerAdminToken, requestToken, signGrant } from "./testing/grant";

const GRANTS = 10_000;
const RUNS = 50;
const SCOPE = "digdir:demo.read";

/** `count` valid organisation numbers: eight digits, then the mod-11 check digit. */
function organisationNumbers(count: number): string[] {
  const numbers: string[] = [];
  for (let base = 90_000_000; numbers.length < count; base++) {
    for (let check = 0; check <= 9; check++) {
      const candidate = `${base}${check}`;
      if (isValidOrgNumber(candidate)) {
        numbers.push(candidate);
        break;
      }
    }
  }
  return numbers;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

const summary = (values: number[]) =>
  `median ${median(values).toFixed(1)} ms, p90 ${percentile(values, 0.9).toFixed(1)} ms, min ${Math.min(...values).toFixed(1)} ms`;

const sim = await startSimulator({ mode: "test" });
try {
  for (const orgno of organisationNumbers(GRANTS)) {
    sim.store.setGrantState(SCOPE, orgno, "APPROVED");
  }
  const token = await providerAdminToken(sim, "idporten:scopes.read");
  const url = `${sim.url}/api/v1/scopes/access?scope=${encodeURIComponent(SCOPE)}`;

  /** Time to first byte (server work), to the whole body, and to a parsed array. */
  const readOnce = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const firstByte = performance.now() - started;
    const text = await response.text();
    const body = performance.now() - started;
    const rows = JSON.parse(text) as unknown[];
    const parsed = performance.now() - started;
    if (response.status !== 200 || rows.length < GRANTS) {
      throw new Error(`Unexpected answer ${response.status}`);
    }
    return { firstByte, body, parsed };
  };
  for (let i = 0; i < 5; i++) await readOnce();
  const reads: Array<{ firstByte: number; body: number; parsed: number }> = [];
  for (let i = 0; i < RUNS; i++) reads.push(await readOnce());

  const grant = certificateGrant(
    sim,
    sim.demo.providerOrgno,
    sim.demo.adminClientId,
    "idporten:scopes.read",
  );
  const assertions = await Promise.all(Array.from({ length: RUNS + 5 }, () => signGrant(grant)));
  const tokenOnce = async (assertion: string) => {
    const started = performance.now();
    const answer = await requestToken(sim.tokenEndpoint, assertion);
    const elapsed = performance.now() - started;
    if (answer.status !== 200) throw new Error(`Token refused: ${JSON.stringify(answer.body)}`);
    return elapsed;
  };
  for (const assertion of assertions.slice(0, 5)) await tokenOnce(assertion);
  const grants: number[] = [];
  for (const assertion of assertions.slice(5)) grants.push(await tokenOnce(assertion));

  const bytes = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text())
    .length;
  console.log(
    `GET /api/v1/scopes/access?scope= with ${GRANTS} grants (${(bytes / 1e6).toFixed(1)} MB JSON), ${RUNS} runs:`,
  );
  for (const [label, key] of [
    ["first byte", "firstByte"],
    ["whole body", "body"],
    ["body parsed", "parsed"],
  ] as const) {
    console.log(`  ${label.padEnd(12)} ${summary(reads.map((read) => read[key]))}`);
  }
  console.log(`POST /token, x5c grant (chain check + signature + token signing), ${RUNS} runs:`);
  console.log(`  round trip   ${summary(grants)}`);
} finally {
  await sim.close();
}
