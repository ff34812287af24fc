import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { expect } from "vitest";
import type { PortvaktConfigInput } from "../config";
import { parseConfig } from "../config";
import { createLogger } from "../logger";
import { startBff } from "../server";
import type { StackOptions } from "../stack";
import { startTestStack, type TestStack } from "./stack";

// The set-up the signing tests share (PKCS#11, AWS KMS, Azure Key Vault, Google Cloud KMS): a
// test stack whose demo admin credential is made by a key service, the provider's certificate
// key to import into it, the grant the BFF signs with it, a token through it over real HTTP, and
// a start with a changed credential that must fail.

/** What `adminCredential` of `startTestStack` gets: the simulator, the chain, `registerAdminKey`. */
export type AdminCredentialContext = Parameters<NonNullable<StackOptions["adminCredential"]>>[0];
/** The demo environment's credential as the configuration takes it. */
export type AdminCredential = PortvaktConfigInput["environments"][number]["credential"];

/**
 * The demo provider's business certificate key (the one its chain certifies): the PEM, and the
 * private and public key objects, for a test that imports it into a key service.
 */
export function providerKey(context: Pick<AdminCredentialContext, "simulator">): {
  keyPem: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicPem: string;
} {
  const { simulator } = context;
  const keyPem = simulator.demo.orgs[simulator.demo.providerOrgno]!.keyPem;
  const publicKey = createPublicKey(keyPem);
  return {
    keyPem,
    privateKey: createPrivateKey(keyPem),
    publicKey,
    publicPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}

/**
 * Registers `publicKey` (RSA) under `kid` on the demo admin client (own-key mode, issue 18 #5):
 * the public half a key service answers, as a JWK's `n` and `e`.
 */
export async function registerPublicKey(
  context: Pick<AdminCredentialContext, "registerAdminKey">,
  kid: string,
  publicKey: KeyObject,
): Promise<void> {
  const jwk = publicKey.export({ format: "jwk" });
  await context.registerAdminKey({ kid, n: String(jwk.n), e: String(jwk.e) });
}

/**
 * A test stack per `describe`, its demo admin credential made by `credential` (called once the
 * simulator runs, before the BFF starts); closed after the describe. Read the stack through the
 * answer's `stack` inside the tests (it exists once `beforeAll` has run).
 */
export function signerStack(
  hooks: {
    beforeAll: (fn: () => Promise<void>) => void;
    afterAll: (fn: () => Promise<void>) => void;
  },
  credential: (context: AdminCredentialContext) => Promise<AdminCredential>,
): { readonly stack: TestStack } {
  let stack: TestStack | undefined;
  hooks.beforeAll(async () => {
    stack = await startTestStack({ adminCredential: credential });
  });
  hooks.afterAll(async () => {
    await stack?.close();
  });
  return {
    get stack() {
      if (!stack) throw new Error("signerStack: the stack is read before its beforeAll ran");
      return stack;
    },
  };
}

/** A grant signed with the demo environment's credential, as the BFF signs it (a compact JWS). */
export async function signedGrant(stack: TestStack): Promise<string> {
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

/**
 * Drops the cached admin token and reads `path` from the BFF, so a fresh grant is signed through
 * the key service and exchanged at the simulator: expects 200, and no private key material in
 * the BFF's log. Answers the response.
 */
export async function readWithFreshToken(
  stack: TestStack,
  path = "/api/envs/demo/scopes",
): Promise<Response> {
  stack.bff.environments[0]!.tokens.invalidate();
  const response = await stack.api(path);
  expect(response.status).toBe(200);
  expect(stack.log.text()).not.toMatch(/PRIVATE KEY|"d":/);
  return response;
}

/**
 * Starts a second BFF with the stack's configuration and the demo credential changed by `change`
 * (a wrong key, PIN or secret): answers the start, which the test expects to reject.
 */
export function startWithCredential(
  stack: TestStack,
  name: string,
  change: (credential: Record<string, unknown>) => void,
): ReturnType<typeof startBff> {
  const config = structuredClone(stack.config);
  change(config.environments[0]!.credential as Record<string, unknown>);
  return startBff(parseConfig({ ...config, port: 0 }, name), createLogger("silent"));
}
