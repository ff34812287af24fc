import { createPublicKey } from "node:crypto";
import { GetPublicKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KmsStandIn, startKmsStandIn } from "./testing/kms-stand-in";
import {
  providerKey,
  readWithFreshToken,
  registerPublicKey,
  signedGrant,
  signerStack,
  startWithCredential,
} from "./testing/signer-stack";

// The admin credential in a key service (issue 18 #5): grants signed by AWS KMS, here a stand-in
// on loopback that speaks KMS's wire protocol to the official SDK (@aws-sdk/client-kms), get
// tokens from the simulator over real HTTP. Nothing private is on Portvakt's disk or in its log.

const ACCESS_KEY = "AKIAPORTVAKTSTANDIN1";
const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
let kms: KmsStandIn;

beforeAll(async () => {
  // AWS credentials come from the SDK's default chain, as in production (here: the environment).
  process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY;
  process.env.AWS_SECRET_ACCESS_KEY = "stand-in-secret-not-checked";
  kms = await startKmsStandIn({ accessKeyId: ACCESS_KEY });
});

afterAll(async () => {
  await kms?.close();
  for (const [name, value] of [
    ["AWS_ACCESS_KEY_ID", saved.id],
    ["AWS_SECRET_ACCESS_KEY", saved.secret],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("a business certificate whose key is in AWS KMS (x5c)", () => {
  let keyId: string;
  const s = signerStack({ beforeAll, afterAll }, async (context) => {
    // The certificate's key material imported into KMS; Portvakt gets only the chain.
    keyId = kms.addKey({
      privateKey: providerKey(context).privateKey,
      alias: "alias/portvakt-demo",
    });
    return {
      type: "awsKms",
      keyId: "alias/portvakt-demo",
      region: "eu-north-1",
      endpoint: kms.url,
      certPath: context.certPath,
    };
  });

  it("gets a token: the BFF reads Digdir with grants KMS signed", async () => {
    const env = s.stack.bff.environments[0]!;
    expect(env.credential.kind).toBe("certificate");
    expect(env.credential.privateKey).toBeUndefined();
    expect(env.credential.keyService).toBe("aws-kms:alias/portvakt-demo");
    const before = kms.signs.get(keyId) ?? 0;
    const scopes = await readWithFreshToken(s.stack);
    expect(((await scopes.json()) as unknown[]).length).toBeGreaterThan(0);
    expect((kms.signs.get(keyId) ?? 0) - before).toBe(1);
  });

  it("the grant names the certificate chain (x5c) from the configured public chain", async () => {
    const env = s.stack.bff.environments[0]!;
    const grant = await signedGrant(s.stack);
    const header = decodeProtectedHeader(grant);
    expect(header.alg).toBe("RS256");
    expect(header.x5c?.[0]).toBe(
      env.credential.kind === "certificate" ? env.credential.x5c[0] : "",
    );
    expect(header.kid).toBeUndefined();
  });

  it("a disabled KMS key fails the token request with KMS's reason", async () => {
    const env = s.stack.bff.environments[0]!;
    kms.disable(keyId);
    env.tokens.invalidate();
    await expect(env.tokens.getToken(["idporten:scopes.read"])).rejects.toThrow(
      /AWS KMS could not sign with alias\/portvakt-demo: KMSInvalidStateException/,
    );
  });

  it("a KMS key that is not the certificate's fails the start (KEY_MISMATCH)", async () => {
    kms.addKey({ alias: "alias/someone-else" });
    await expect(
      startWithCredential(s.stack, "wrong key", (credential) => {
        credential.keyId = "alias/someone-else";
      }),
    ).rejects.toThrow(/does not belong to the first certificate/);
  });
});

describe("own-key mode with the key in AWS KMS (kid)", () => {
  let keyId: string;
  const kid = "portvakt-admin-kms-1";
  const s = signerStack({ beforeAll, afterAll }, async (context) => {
    keyId = kms.addKey();
    // The public half, as KMS's GetPublicKey answers it, registered on the admin client.
    const client = new KMSClient({ region: "eu-north-1", endpoint: kms.url });
    const { PublicKey } = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
    await registerPublicKey(
      context,
      kid,
      createPublicKey({ key: Buffer.from(PublicKey!), format: "der", type: "spki" }),
    );
    return {
      type: "awsKms",
      keyId,
      region: "eu-north-1",
      endpoint: kms.url,
      kid,
      orgno: context.simulator.demo.providerOrgno,
    };
  });

  it("gets a token with the kid in the grant's header", async () => {
    const env = s.stack.bff.environments[0]!;
    expect(env.credential).toMatchObject({ kind: "jwk", kid, keyService: `aws-kms:${keyId}` });
    await readWithFreshToken(s.stack, "/api/envs/demo/clients");
    expect(kms.signs.get(keyId)).toBeGreaterThanOrEqual(1);
    expect(decodeProtectedHeader(await signedGrant(s.stack)).kid).toBe(kid);
  });
});
