import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compactVerify, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPkcs11Credential, loadPkcs11Module } from "./signing/pkcs11";
import {
  providerKey,
  readWithFreshToken,
  signedGrant,
  signerStack,
  startWithCredential,
} from "./testing/signer-stack";

// The admin credential in an HSM through PKCS#11 (issue 18 #5), with SoftHSM 2 (Debian's
// softhsm2) as the token: a token is initialised in a temp dir (SOFTHSM2_CONF), grants are signed
// inside it, and the simulator answers them with tokens over real HTTP. `.ci/run` installs
// softhsm2 and sets PORTVAKT_REQUIRE_PKCS11=1, so there a missing token or binding fails the
// suite; elsewhere the suite is skipped when either is missing (see README).

const LIBRARY = process.env.PORTVAKT_SOFTHSM_LIBRARY ?? "/usr/lib/softhsm/libsofthsm2.so";
const TOKEN = "portvakt-test";
const PIN = "482913";
const SO_PIN = "775100";

const bindingLoads = await import("pkcs11js").then(
  () => true,
  () => false,
);
const available =
  (existsSync(LIBRARY) && bindingLoads) || process.env.PORTVAKT_REQUIRE_PKCS11 === "1";

let dir: string;
let pinFile: string;
let wrongPinError: Error | undefined;
const softhsm = (...args: string[]) =>
  execFileSync("softhsm2-util", args, { env: process.env, encoding: "utf8" });

beforeAll(async () => {
  if (!available) return;
  dir = await mkdtemp(join(tmpdir(), "portvakt-softhsm-"));
  await writeFile(
    join(dir, "softhsm2.conf"),
    `directories.tokendir = ${join(dir, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );
  execFileSync("mkdir", [join(dir, "tokens")]);
  process.env.SOFTHSM2_CONF = join(dir, "softhsm2.conf");
  softhsm("--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", SO_PIN);
  pinFile = join(dir, "pin");
  await writeFile(pinFile, `${PIN}\n`, { mode: 0o600 });
  const wrongPin = join(dir, "wrong-pin");
  await writeFile(wrongPin, "000000\n", { mode: 0o600 });
  wrongPinError = await loadPkcs11Credential({
    type: "pkcs11",
    library: LIBRARY,
    tokenLabel: TOKEN,
    keyLabel: "admin-cert",
    pinFile: wrongPin,
    kid: "unused",
  }).then(
    () => undefined,
    (error: Error) => error,
  );
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!available)("a business certificate whose key is in a PKCS#11 token (x5c)", () => {
  let providerPublic: ReturnType<typeof providerKey>["publicKey"];
  const s = signerStack({ beforeAll, afterAll }, async (context) => {
    // The key ceremony: the certificate's key imported into the token, then the file removed.
    const provider = providerKey(context);
    providerPublic = provider.publicKey;
    const keyFile = join(dir, "import.pem");
    await writeFile(keyFile, provider.keyPem, { mode: 0o600 });
    softhsm(
      "--import",
      keyFile,
      "--token",
      TOKEN,
      "--label",
      "admin-cert",
      "--id",
      "01",
      "--pin",
      PIN,
    );
    await rm(keyFile);
    return {
      type: "pkcs11",
      library: LIBRARY,
      tokenLabel: TOKEN,
      keyLabel: "admin-cert",
      pinFile,
      certPath: context.certPath,
    };
  });

  it("gets a token: the BFF reads Digdir with grants the token signed", async () => {
    const env = s.stack.bff.environments[0]!;
    expect(env.credential.kind).toBe("certificate");
    expect(env.credential.privateKey).toBeUndefined();
    expect(env.credential.keyService).toBe(`pkcs11:${TOKEN}/label=admin-cert`);
    const scopes = await readWithFreshToken(s.stack);
    expect(((await scopes.json()) as unknown[]).length).toBeGreaterThan(0);
    expect(s.stack.log.text()).not.toContain(PIN);
  });

  it("the grant is RS256 over the certificate's key and carries its chain", async () => {
    const grant = await signedGrant(s.stack);
    expect(decodeProtectedHeader(grant)).toMatchObject({ alg: "RS256" });
    expect(decodeProtectedHeader(grant).x5c?.length).toBeGreaterThan(0);
    // A signature by any other key fails here.
    await expect(compactVerify(grant, providerPublic)).resolves.toBeDefined();
  });

  it("a wrong PIN fails the start, naming the PIN file but not the PIN", () => {
    // Tried before anything logged in: PKCS#11 login state is per process and token.
    expect(wrongPinError?.message).toMatch(/wrong-pin failed \(CKR_PIN_INCORRECT\)/);
    expect(wrongPinError?.message).not.toContain("000000");
  });

  it("a label no key has fails the start, naming the token and label", async () => {
    await expect(
      startWithCredential(s.stack, "no key", (credential) => {
        credential.keyLabel = "nobody";
      }),
    ).rejects.toThrow(`no RSA private key pkcs11:${TOKEN}/label=nobody`);
  });
});

describe.skipIf(!available)("own-key mode with a key generated inside the token (kid)", () => {
  const kid = "portvakt-admin-hsm-1";
  const s = signerStack({ beforeAll, afterAll }, async ({ simulator, registerAdminKey }) => {
    // Generated in the token, not extractable: the private key never exists outside it.
    const { pkcs11js, pkcs11 } = await loadPkcs11Module(LIBRARY);
    const slot = pkcs11
      .C_GetSlotList(true)
      .find((candidate) => pkcs11.C_GetTokenInfo(candidate).label.trim() === TOKEN)!;
    const session = pkcs11.C_OpenSession(
      slot,
      pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION,
    );
    try {
      pkcs11.C_Login(session, pkcs11js.CKU_USER, PIN);
    } catch (error) {
      if ((error as Error).message !== "CKR_USER_ALREADY_LOGGED_IN") throw error;
    }
    const id = Buffer.from("a2", "hex");
    const keys = pkcs11.C_GenerateKeyPair(
      session,
      { mechanism: pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN },
      [
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_VERIFY, value: true },
        { type: pkcs11js.CKA_MODULUS_BITS, value: 2048 },
        { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
        { type: pkcs11js.CKA_LABEL, value: "admin-own" },
        { type: pkcs11js.CKA_ID, value: id },
      ],
      [
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_PRIVATE, value: true },
        { type: pkcs11js.CKA_SIGN, value: true },
        { type: pkcs11js.CKA_SENSITIVE, value: true },
        { type: pkcs11js.CKA_EXTRACTABLE, value: false },
        { type: pkcs11js.CKA_LABEL, value: "admin-own" },
        { type: pkcs11js.CKA_ID, value: id },
      ],
    );
    const [n, e] = pkcs11.C_GetAttributeValue(session, keys.publicKey, [
      { type: pkcs11js.CKA_MODULUS },
      { type: pkcs11js.CKA_PUBLIC_EXPONENT },
    ]);
    expect(() =>
      pkcs11.C_GetAttributeValue(session, keys.privateKey, [
        { type: pkcs11js.CKA_PRIVATE_EXPONENT },
      ]),
    ).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
    pkcs11.C_CloseSession(session);
    await registerAdminKey({
      kid,
      n: (n!.value as Buffer).toString("base64url"),
      e: (e!.value as Buffer).toString("base64url"),
    });
    return {
      type: "pkcs11",
      library: LIBRARY,
      tokenLabel: TOKEN,
      keyLabel: "admin-own",
      keyId: "a2",
      pinFile,
      kid,
      orgno: simulator.demo.providerOrgno,
    };
  });

  it("gets a token with the kid in the grant's header", async () => {
    const env = s.stack.bff.environments[0]!;
    expect(env.credential).toMatchObject({
      kind: "jwk",
      kid,
      keyService: `pkcs11:${TOKEN}/label=admin-own,id=a2`,
    });
    await readWithFreshToken(s.stack, "/api/envs/demo/clients");
    expect(decodeProtectedHeader(await signedGrant(s.stack)).kid).toBe(kid);
  });
});
