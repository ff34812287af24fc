import { rename, writeFile } from "node:fs/promises";
import {
  createCa,
  issueBusinessCertificate,
  PROVIDER_ORGNO,
  sharedDemoMaterial,
} from "@portvakt/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./testing/stack";

// Mounted secrets are replaced in place when the business certificate is renewed: the BFF takes
// the new one into use without a restart, and keeps the old one while the files do not load.
const DAY = 86_400_000;
let stack: TestStack;
let keyPath: string;
let certPath: string;

beforeAll(async () => {
  stack = await startTestStack({ credentialCheckSeconds: 1 });
  const credential = stack.config.environments[0]!.credential as {
    keyPath: string;
    certPath: string;
  };
  ({ keyPath, certPath } = credential);
});
afterAll(() => stack?.close());

async function metric(name: string, labels = 'env="demo"'): Promise<number> {
  const text = await (await fetch(`${stack.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line ? Number(line.split(" ").at(-1)) : Number.NaN;
}
async function notAfterShown(): Promise<string> {
  const { envs } = (await (await stack.api("/api/envs")).json()) as {
    envs: Array<{ id: string; credential: { notAfter?: string } }>;
  };
  return envs.find((e) => e.id === "demo")!.credential.notAfter!;
}
/** A token with whatever credential is in use now, not a cached one. */
async function freshToken() {
  const env = stack.bff.environments[0]!;
  env.tokens.invalidate();
  return env.tokens.getToken(env.config.adminScopes);
}
/** As a mounted secret is updated: the new file written beside, then swapped in at once. */
async function replace(path: string, content: string) {
  await writeFile(`${path}.new`, content);
  await rename(`${path}.new`, path);
}
const logged = (message: string) => stack.log.lines.filter((l) => l.includes(message));

describe("a renewed business certificate, without a restart", () => {
  it("keeps the credential in use while the files are half-replaced, then takes the renewed one", async () => {
    const material = await sharedDemoMaterial();
    const before = await notAfterShown();
    const renewed = await issueBusinessCertificate({
      ca: material.ca,
      orgno: PROVIDER_ORGNO,
      name: "DIGITALISERINGSDIREKTORATET",
      notAfter: new Date(Date.now() + 200 * DAY),
    });

    // The key is replaced first: it does not match the certificate still there.
    await replace(keyPath, renewed.keyPem);
    await stack.bff.reloadCredentials();
    expect(logged("the changed credential files cannot be used")).toHaveLength(1);
    expect(await notAfterShown()).toBe(before);
    expect((await freshToken()).accessToken).toBeTruthy();
    expect((await stack.bff.readiness.check()).ready).toBe(true);
    // Unchanged broken files are not tried (or logged) again.
    await stack.bff.reloadCredentials();
    expect(logged("the changed credential files cannot be used")).toHaveLength(1);

    // Then the certificate: the pair loads, and is used from the next token on.
    await replace(certPath, renewed.chainPem);
    await stack.bff.reloadCredentials();
    const reloaded = logged("credential reloaded");
    expect(reloaded).toHaveLength(1);
    expect(JSON.parse(reloaded[0]!)).toMatchObject({
      env: "demo",
      notAfter: renewed.notAfter.toISOString(),
    });
    expect(await notAfterShown()).toBe(renewed.notAfter.toISOString());
    expect(await metric("portvakt_credential_days_to_expiry")).toBeCloseTo(200, 0);
    expect(await metric("portvakt_credential_reloads_total", 'outcome="reloaded"')).toBe(1);
    expect(await metric("portvakt_credential_reloads_total", 'outcome="failed"')).toBe(1);
    expect((await freshToken()).accessToken).toBeTruthy();
  });

  it("signs with the new credential: one from a CA Maskinporten does not trust is refused", async () => {
    const foreignCa = await createCa({ name: "Not trusted by Maskinporten" });
    const foreign = await issueBusinessCertificate({
      ca: foreignCa,
      orgno: PROVIDER_ORGNO,
      name: "DIGITALISERINGSDIREKTORATET",
    });
    await replace(keyPath, foreign.keyPem);
    await replace(certPath, foreign.chainPem);
    // The BFF's own timer (every second here) notices the change.
    await expect
      .poll(
        () =>
          stack.bff.environments[0]!.credential.kind === "certificate" &&
          stack.bff.environments[0]!.credential.notAfter.getTime(),
        { timeout: 5000 },
      )
      .toBe(foreign.notAfter.getTime());
    await expect(freshToken()).rejects.toThrow();
  });
});
