import { createPrivateKey, createPublicKey } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compactVerify, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "./config";
import { createLogger } from "./logger";
import { startBff } from "./server";
import {
  type AzureKeyVaultStandIn,
  startAzureKeyVaultStandIn,
} from "./testing/azure-key-vault-stand-in";
import { type GcpKmsStandIn, startGcpKmsStandIn } from "./testing/gcp-kms-stand-in";
import { startTestStack, type TestStack } from "./testing/stack";

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

async function grantOf(stack: TestStack): Promise<string> {
  const env = stack.bff.environments[0]!;
  const { signGrant } = await import("@portvakt/maskinporten");
  return signGrant({
    credential: env.credential,
    clientId: env.config.clientId,
    audience: env.config.issuer,
    scopes: ["idporten:scopes.read"],
    allowInsecureHttp: true,
  });
}

describe("a business certificate whose key is in Azure Key Vault", () => {
  let stack: TestStack;
  let version: string;
  let providerPublic: ReturnType<typeof createPublicKey>;

  beforeAll(async () => {
    stack = await startTestStack({
      adminCredential: async ({ simulator, certPath }) => {
        const provider = simulator.demo.orgs[simulator.demo.providerOrgno]!;
        providerPublic = createPublicKey(provider.keyPem);
        version = azure.addKey("portvakt-admin", { privateKey: createPrivateKey(provider.keyPem) });
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
          certPath,
        };
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("gets a token: the BFF reads Digdir with grants Key Vault signed", async () => {
    const env = stack.bff.environments[0]!;
    expect(env.credential.privateKey).toBeUndefined();
    expect(env.credential.keyService).toBe(`azure-key-vault:portvakt-admin/${version}`);
    const id = `portvakt-admin/${version}`;
    const before = azure.signs.get(id) ?? 0;
    env.tokens.invalidate();
    const scopes = await stack.api("/api/envs/demo/scopes");
    expect(scopes.status).toBe(200);
    expect((azure.signs.get(id) ?? 0) - before).toBe(1);
    expect(stack.log.text()).not.toContain(CLIENT_SECRET);
    expect(stack.log.text()).not.toMatch(/PRIVATE KEY|"d":/);
  });

  it("the grant is RS256 by the certificate's key, with its chain", async () => {
    const grant = await grantOf(stack);
    expect(decodeProtectedHeader(grant).alg).toBe("RS256");
    expect(decodeProtectedHeader(grant).x5c?.length).toBeGreaterThan(0);
    await expect(compactVerify(grant, providerPublic)).resolves.toBeDefined();
  });

  it("an expired bearer token is replaced once and the signature made", async () => {
    const issued = azure.tokensIssued();
    azure.revokeTokens();
    await expect(grantOf(stack)).resolves.toMatch(/^ey/);
    expect(azure.tokensIssued()).toBe(issued + 1);
  });

  it("a disabled key fails the token request with Key Vault's reason", async () => {
    const env = stack.bff.environments[0]!;
    azure.disable("portvakt-admin", version);
    env.tokens.invalidate();
    await expect(env.tokens.getToken(["idporten:scopes.read"])).rejects.toThrow(
      /Azure Key Vault could not sign with azure-key-vault:portvakt-admin\/\w+: Forbidden: Operation sign is not allowed on a disabled key/,
    );
  });

  it("a key that is not the certificate's fails the start", async () => {
    const other = azure.addKey("someone-else");
    const config = structuredClone(stack.config);
    Object.assign(config.environments[0]!.credential, {
      keyName: "someone-else",
      keyVersion: other,
    });
    await expect(
      startBff(parseConfig({ ...config, port: 0 }, "wrong key"), createLogger("silent")),
    ).rejects.toThrow(/does not belong to the first certificate/);
  });

  it("a wrong client secret fails the start with the token endpoint's answer, not the secret", async () => {
    const wrong = join(dir, "wrong-secret");
    await writeFile(wrong, "not-the-secret\n");
    const config = structuredClone(stack.config);
    const credential = config.environments[0]!.credential as {
      tokenSource: { clientSecretFile: string };
    };
    credential.tokenSource.clientSecretFile = wrong;
    const start = startBff(
      parseConfig({ ...config, port: 0 }, "wrong secret"),
      createLogger("silent"),
    );
    await expect(start).rejects.toThrow(/answered 401: .*invalid_client/);
    await expect(start).rejects.not.toThrow(/not-the-secret/);
  });
});

describe("a business certificate whose key is in Google Cloud KMS", () => {
  let stack: TestStack;
  let name: string;
  let providerPublic: ReturnType<typeof createPublicKey>;

  beforeAll(async () => {
    stack = await startTestStack({
      adminCredential: async ({ simulator, certPath }) => {
        const provider = simulator.demo.orgs[simulator.demo.providerOrgno]!;
        providerPublic = createPublicKey(provider.keyPem);
        name = gcp.addKey({ privateKey: createPrivateKey(provider.keyPem), key: "cert-key" });
        return {
          type: "gcpKms",
          keyVersionName: name,
          endpoint: gcp.url,
          tokenSource: { type: "gcpMetadata", url: gcp.metadataTokenUrl },
          certPath,
        };
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("gets a token: the BFF reads Digdir with grants Cloud KMS signed", async () => {
    const env = stack.bff.environments[0]!;
    expect(env.credential.privateKey).toBeUndefined();
    expect(env.credential.keyService).toBe(`gcp-kms:${name}`);
    const before = gcp.signs.get(name) ?? 0;
    env.tokens.invalidate();
    const clients = await stack.api("/api/envs/demo/clients");
    expect(clients.status).toBe(200);
    expect((gcp.signs.get(name) ?? 0) - before).toBe(1);
    expect(stack.log.text()).not.toMatch(/PRIVATE KEY|"d":/);
  });

  it("the grant is RS256 by the certificate's key", async () => {
    const grant = await grantOf(stack);
    await expect(compactVerify(grant, providerPublic)).resolves.toBeDefined();
  });

  it("a key version that is not RSASSA-PKCS1-v1_5 SHA-256 fails the start", async () => {
    const pss = gcp.addKey({ algorithm: "RSA_SIGN_PSS_2048_SHA256", key: "pss-key" });
    const config = structuredClone(stack.config);
    Object.assign(config.environments[0]!.credential, { keyVersionName: pss });
    await expect(
      startBff(parseConfig({ ...config, port: 0 }, "pss"), createLogger("silent")),
    ).rejects.toThrow(/RSA_SIGN_PSS_2048_SHA256; an RS256 grant needs RSA_SIGN_PKCS1_\*_SHA256/);
  });

  it("a disabled key version fails the token request with Google's status", async () => {
    const env = stack.bff.environments[0]!;
    gcp.disable(name);
    env.tokens.invalidate();
    await expect(env.tokens.getToken(["idporten:scopes.read"])).rejects.toThrow(
      /Google Cloud KMS could not sign with projects\/.+: FAILED_PRECONDITION/,
    );
  });
});

describe("own-key mode with the key in Google Cloud KMS (kid)", () => {
  let stack: TestStack;
  const kid = "portvakt-admin-gcp-1";
  let name: string;

  beforeAll(async () => {
    const tokenFile = join(dir, "gcp-token");
    stack = await startTestStack({
      adminCredential: async ({ simulator, registerAdminKey }) => {
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
        const jwk = createPublicKey(pem).export({ format: "jwk" });
        await registerAdminKey({ kid, n: String(jwk.n), e: String(jwk.e) });
        return {
          type: "gcpKms",
          keyVersionName: name,
          endpoint: gcp.url,
          tokenSource: { type: "file", path: tokenFile },
          kid,
          orgno: simulator.demo.providerOrgno,
        };
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("gets a token with the kid in the grant's header", async () => {
    const env = stack.bff.environments[0]!;
    expect(env.credential).toMatchObject({ kind: "jwk", kid, keyService: `gcp-kms:${name}` });
    expect(decodeProtectedHeader(await grantOf(stack)).kid).toBe(kid);
    env.tokens.invalidate();
    const clients = await stack.api("/api/envs/demo/clients");
    expect(clients.status).toBe(200);
    expect(gcp.signs.get(name)).toBeGreaterThanOrEqual(1);
  });
});
