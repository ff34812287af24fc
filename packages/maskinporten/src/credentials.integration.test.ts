import {
  issueBusinessCertificate,
  PROVIDER_ORGNO,
  sharedDemoMaterial,
  toPkcs12,
} from "@portvakt/simulator";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AdminCredential,
  CredentialError,
  loadPem,
  loadPkcs12,
  loadPrivateJwk,
} from "./credentials";
import { MaskinportenError } from "./errors";
import {
  adminClients,
  demoCredential,
  type RunningSimulator,
  startTestSimulator,
} from "./test-support/simulator";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim?.close();
});

/** Proves the simulator accepts the credential's grants: a token, then an admin call. */
async function expectAccepted(credential: AdminCredential): Promise<void> {
  const { api, tokens } = adminClients(sim, credential);
  const scopes = await api.listScopes();
  expect(scopes.map((scope) => scope.name)).toContain("digdir:demo.read");
  expect(tokens.stats.requests).toBe(1);
}

/** A business certificate for the provider issued now by the CA the simulator trusts. */
async function freshProviderCertificate(orgnoField: "serialNumber" | "organizationIdentifier") {
  const { ca } = await sharedDemoMaterial();
  return issueBusinessCertificate({
    ca,
    orgno: PROVIDER_ORGNO,
    name: "DIGITALISERINGSDIREKTORATET TEST",
    orgnoField,
  });
}

describe("credentials against the simulator", () => {
  it("a PKCS#12 file made at test time gets a token and lists scopes", async () => {
    const cert = await freshProviderCertificate("serialNumber");
    const { ca } = await sharedDemoMaterial();
    const p12 = toPkcs12({
      keyPem: cert.keyPem,
      certPems: [cert.certPem, ca.certPem],
      password: "test-passord",
    });
    const credential = await loadPkcs12(p12, "test-passord", { source: "fresh.p12" });
    expect(credential).toMatchObject({ kind: "certificate", orgno: PROVIDER_ORGNO });
    await expectAccepted(credential);
  });

  it("a PEM key and chain (SEID 2 orgno) made at test time gets a token and lists scopes", async () => {
    const cert = await freshProviderCertificate("organizationIdentifier");
    const credential = await loadPem({ keyPem: cert.keyPem, certChainPem: cert.chainPem });
    expect(credential).toMatchObject({ kind: "certificate", orgno: PROVIDER_ORGNO });
    await expectAccepted(credential);
  });

  it("the simulator's own demo PKCS#12 works", async () => {
    await expectAccepted(await demoCredential(sim, PROVIDER_ORGNO));
  });

  it("names a wrong password and a mismatched key", async () => {
    const org = sim.demo.orgs[PROVIDER_ORGNO]!;
    const wrong = await loadPkcs12(org.p12, "not-the-password").catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(CredentialError);
    expect((wrong as CredentialError).code).toBe("WRONG_PASSWORD");

    const consumer = sim.demo.orgs[sim.demo.consumerOrgno]!;
    const mismatch = await loadPem({ keyPem: consumer.keyPem, certChainPem: org.chainPem }).catch(
      (e: unknown) => e,
    );
    expect(mismatch).toBeInstanceOf(CredentialError);
    expect((mismatch as CredentialError).code).toBe("KEY_MISMATCH");
  });

  it("another organisation's certificate is refused with an explained MP-122", async () => {
    const consumer = await demoCredential(sim, sim.demo.consumerOrgno);
    const { api } = adminClients(sim, consumer);
    const error = await api.listScopes().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaskinportenError);
    expect(error).toMatchObject({ kind: "token", code: "MP-122", status: 400 });
    expect((error as MaskinportenError).explanation).toMatch(/another organisation/);
  });

  it("a private JWK registered on the admin client gets a token and lists scopes", async () => {
    // Its own simulator: once the admin client has keys, x5c grants are refused for it.
    const own = await startTestSimulator();
    try {
      const { api: viaCertificate, tokens: certificateTokens } = adminClients(
        own,
        await demoCredential(own, PROVIDER_ORGNO),
      );
      const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
      const kid = `portvakt-it-${Date.now()}`;
      const publicJwk = { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256" };
      const registered = await viaCertificate.replaceJwks(own.demo.adminClientId, {
        keys: [
          publicJwk as { kty: "RSA"; kid: string; use: "sig"; alg: "RS256"; n: string; e: string },
        ],
      });
      expect(registered.keys[0]!.exp).toBeGreaterThan(Date.now() / 1000);

      const credential = await loadPrivateJwk(
        { ...(await exportJWK(privateKey)), kid, alg: "RS256" },
        { orgno: PROVIDER_ORGNO },
      );
      const { api: viaKey } = adminClients(own, credential);
      expect((await viaKey.listScopes()).length).toBeGreaterThan(0);

      // The certificate may no longer be used for this client: MP-123, explained.
      certificateTokens.invalidate();
      const refused = await viaCertificate.listPrefixes().catch((e: unknown) => e);
      expect(refused).toMatchObject({ kind: "token", code: "MP-123" });
    } finally {
      await own.close();
    }
  });
});
