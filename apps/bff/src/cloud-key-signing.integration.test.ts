import { createPublicKey } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compactVerify, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AzureKeyVaultStandIn,
  startAzureKeyVaultStandIn,
} from "./testing/azure-key-vault-stand-in";
import { type GcpKmsStandIn, startGcpKmsStandIn } from "./testing/gcp-kms-stand-in";
import {
  providerKey,
  readWithFreshToken,
  registerPublicKey,
  signedGrant,
  signerStack,
  startWithCredential,
} from "./testing/signer-stack";

// The admin credential in Azure Key Vault and Google Cloud KMS (issue 18 #5): grants signed by
// loopback stand-ins that speak each service's REST shapes get tokens from the simulator over
// real HTTP; the private key is only in the stand-in, never in Portvakt's files or log.

const CLIENT_SECRET = "azure-client-secret-never-logged";
let dir: string;
let secretFile: string;
let azure: AzureKeyVaultStandIn;
let gcp: GcpKmsStandIn;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "portvakt-cloud-keys-"));
  secretFile = join(dir, "client-secret");
  await writeFile(secretFile, `${CLIENT_SECRET}\n`, { mode: 0o600 });
  azure = await startAzureKeyVaultStandIn({
    clientId: "portvakt-app",
    clientSecret: CLIENT_SECRET,
  });
  gcp = await startGcpKmsStandIn();
});

afterAll(async () => {
  await azure?.close();
  await gcp?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a business certificate whose key is in Azure Key Vault", () => {
  let version: string;
  let providerPublic: ReturnType<typeof createPublicKey>;
  const s = signerStack({ beforeAll, afterAll }, async (context) => {
    const provider = providerKey(context);
    providerPublic = provider.publicKey;
    version = azure.addKey("portvakt-admin", { privateKey: provider.privateKey });
    return {
      type: "azureKeyVault",
      vaultUrl: azure.url,
      keyName: "portvakt-admin",
      keyVersion: version,
      tokenSource: {
        type: "clientCredentials",
        tokenUrl: azure.tokenUrl,
        clientId: "portvakt-app",
        clientSecretFile: secretFile,
        scope: "https://vault.azure.net/.default",
      },
      certPath: context.certPath,
    };
  });

  it("gets a token: the BFF reads Digdir with grants Key Vault signed", async () => {
    const env = s.stack.bff.environments[0]!;
    expect(env.credential.privateKey).toBeUndefined();
    expect(env.credential.keyService).toBe(`azure-key-vault:portvakt-admin/${version}`);
    const id = `portvakt-admin/${version}`;
    const before = azure.signs.get(id) ?? 0;
    await readWithFreshToken(s.stack);
    expect((azure.signs.get(id) ?? 0) - before).toBe(1);
    expect(s.stack.log.text()).not.toContain(CLIENT_SECRET);
  });

  it("the grant is RS256 by the certificate's key, with its chain", async () => {
    const grant = await signedGrant(s.stack);
    expect(decodeProtectedHeader(grant).alg).toBe("RS256");
    expect(decodeProtectedHeader(grant).x5c?.length).toBeGreaterThan(0);
    await expect(compactVerify(grant, providerPublic)).resolves.toBeDefined();
  });

  it("an expired bearer token is replaced once and the signature made", async () => {
    const issued = azure.tokensIssued();
    azure.revokeTokens();
    await expect(signedGrant(s.stack)).resolves.toMatch(/^ey/);
    expect(azure.tokensIssued()).toBe(issued + 1);
  });

  it("a disabled key fails the token request with Key Vault's reason", async () => {
    const env = s.stack.bff.environments[0]!;
    azure.disable("portvakt-admin", version);
    env.tokens.invalidate();
    await expect(env.tokens.getToken(["idporten:scopes.read"])).rejects.toThrow(
      /Azure Key Vault could not sign with azure-key-vault:portvakt-admin\/\w+: Forbidden: Operation sign is not allowed on a disabled key/,
    );
  });

  it("a key that is not the certificate's fails the start", async () => {
    const other = azure.addKey("someone-else");
    await expect(
      startWithCredential(s.stack, "wrong key", (credential) => {
        Object.assign(credential, { keyName: "someone-else", keyVersion: other });
      }),
    ).rejects.toThrow(/does not belong to the first certificate/);
  });

  it("a wrong client secret fails the start with the token endpoint's answer, not the secret", async () => {
    const wrong = join(dir, "wrong-secret");
    await writeFile(wrong, "not-the-secret\n");
    const start = startWithCredential(s.stack, "wrong secret", (credential) => {
      (credential.tokenSource as { clientSecretFile: string }).clientSecretFile = wrong;
    });
    await expect(start).rejects.toThrow(/answered 401: .*invalid_client/);
    await expect(start).rejects.not.toThrow(/not-the-secret/);
  });
});

describe("a business certificate whose key is in Google Cloud KMS", () => {
  let name: string;
  let providerPublic: ReturnType<typeof createPublicKey>;
  const s = signerStack({ beforeAll, afterAll }, async (context) => {
    const provider = providerKey(context);
    providerPublic = provider.publicKey;
    name = gcp.addKey({ privateKey: provider.privateKey, key: "cert-key" });
    return {
      type: "gcpKms",
      keyVersionName: name,
      endpoint: gcp.url,
      tokenSource: { type: "gcpMetadata", url: gcp.metadataTokenUrl },
      certPath: context.certPath,
    };
  });

  it("gets a token: the BFF reads Digdir with grants Cloud KMS signed", async () => {
    const env = s.stack.bff.environments[0]!;
    expect(env.credential.privateKey).toBeUndefined();
    expect(env.credential.keyService).toBe(`gcp-kms:${name}`);
    const before = gcp.signs.get(name) ?? 0;
    await readWithFreshToken(s.stack, "/api/envs/demo/clients");
    expect((gcp.signs.get(name) ?? 0) - before).toBe(1);
  });

  it("the grant is RS256 by the certificate's key", async () => {
    const grant = await signedGrant(s.stack);
    await expect(compactVerify(grant, providerPublic)).resolves.toBeDefined();
  });

  it("a key version that is not RSASSA-PKCS1-v1_5 SHA-256 fails the start", async () => {
    const pss = gcp.addKey({ algorithm: "RSA_SIGN_PSS_2048_SHA256", key: "pss-key" });
    await expect(
      startWithCredential(s.stack, "pss", (credential) => {
        credential.keyVersionName = pss;
      }),
    ).rejects.toThrow(/RSA_SIGN_PSS_2048_SHA256; an RS256 grant needs RSA_SIGN_PKCS1_\*_SHA256/);
  });

  it("a disabled key version fails the token request with Google's status", async () => {
    const env = s.stack.bff.environments[0]!;
    gcp.disable(name);
    env.tokens.invalidate();
    await expect(env.tokens.getToken(["idporten:scopes.read"])).rejects.toThrow(
      /Google Cloud KMS could not sign with projects\/.+: FAILED_PRECONDITION/,
    );
  });
});

describe("own-key mode with the key in Google Cloud KMS (kid)", () => {
  const kid = "portvakt-admin-gcp-1";
  let name: string;
  const s = signerStack({ beforeAll, afterAll }, async (context) => {
    const tokenFile = join(dir, "gcp-token");
    name = gcp.addKey({ key: "own-key" });
    // The public half, as getPublicKey answers it, registered on the admin client.
    const token = (await (
      await fetch(gcp.metadataTokenUrl, { headers: { "Metadata-Flavor": "Google" } })
    ).json()) as { access_token: string };
    await writeFile(tokenFile, token.access_token);
    const { pem } = (await (
      await fetch(`${gcp.url}/v1/${name}/publicKey`, {
        headers: { Authorization: `Bearer ${token.access_token}` },
      })
    ).json()) as { pem: string };
    await registerPublicKey(context, kid, createPublicKey(pem));
    return {
      type: "gcpKms",
      keyVersionName: name,
      endpoint: gcp.url,
      tokenSource: { type: "file", path: tokenFile },
      kid,
      orgno: context.simulator.demo.providerOrgno,
    };
  });

  it("gets a token with the kid in the grant's header", async () => {
    const env = s.stack.bff.environments[0]!;
    expect(env.credential).toMatchObject({ kind: "jwk", kid, keyService: `gcp-kms:${name}` });
    expect(decodeProtectedHeader(await signedGrant(s.stack)).kid).toBe(kid);
    await readWithFreshToken(s.stack, "/api/envs/demo/clients");
    expect(gcp.signs.get(name)).toBeGreaterThanOrEqual(1);
  });
});
