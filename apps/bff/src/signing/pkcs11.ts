import { createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type AdminCredential, CredentialError } from "@portvakt/maskinporten";
import type { GrantAlg, GrantSigner } from "@portvakt/maskinporten-rules";
import type * as Pkcs11Module from "pkcs11js";
import { type RemoteKeyPlacement, remoteCredential } from "./remote";

type Pkcs11Js = typeof Pkcs11Module;
type Pkcs11 = InstanceType<Pkcs11Js["PKCS11"]>;
type Handle = Buffer;

/**
 * An admin credential whose private key is in an HSM or smart card reached through a PKCS#11
 * library (config `credential.type: "pkcs11"`; tested with SoftHSM 2 from Debian). Portvakt logs in
 * as the token's user with the PIN read from `pinFile` (never logged, never in an error), finds
 * one RSA private key by `keyLabel` (CKA_LABEL) and/or `keyId` (CKA_ID, hex), reads its public
 * half (CKA_MODULUS, CKA_PUBLIC_EXPONENT) and signs grants with `CKM_SHA256_RSA_PKCS` (PKCS#11
 * 2.40 §2.1.13: the token hashes and pads). The key never leaves the token. PKCS#11's login
 * state is per process and token: a second credential on a token this process already logged in
 * to is not asked for its PIN again (CKR_USER_ALREADY_LOGGED_IN).
 */
export interface Pkcs11CredentialConfig extends RemoteKeyPlacement {
  type: "pkcs11";
  /** The PKCS#11 module, e.g. `/usr/lib/softhsm/libsofthsm2.so`. */
  library: string;
  /** The token's label (CK_TOKEN_INFO.label, without the blank padding). */
  tokenLabel: string;
  /** The key's CKA_LABEL. */
  keyLabel?: string;
  /** The key's CKA_ID in hex, e.g. `a1b2`. */
  keyId?: string;
  /** A file holding the user PIN (one line; a trailing newline is ignored). */
  pinFile: string;
}

/** PKCS#11 answers after which the session is opened and logged in again once (PKCS#11 2.40 §5.1). */
const SESSION_LOST = new Set([
  "CKR_SESSION_HANDLE_INVALID",
  "CKR_SESSION_CLOSED",
  "CKR_USER_NOT_LOGGED_IN",
  "CKR_DEVICE_REMOVED",
  "CKR_TOKEN_NOT_PRESENT",
  "CKR_OBJECT_HANDLE_INVALID",
  "CKR_KEY_HANDLE_INVALID",
]);

/** The mechanism of each grant alg: RSASSA-PKCS1-v1_5 with the alg's hash, hashed by the token. */
function mechanismOf(pkcs11js: Pkcs11Js, alg: GrantAlg): number {
  return {
    RS256: pkcs11js.CKM_SHA256_RSA_PKCS,
    RS384: pkcs11js.CKM_SHA384_RSA_PKCS,
    RS512: pkcs11js.CKM_SHA512_RSA_PKCS,
  }[alg];
}

/** One loaded and initialised module per library path (C_Initialize is once per process). */
const modules = new Map<string, { pkcs11js: Pkcs11Js; pkcs11: Pkcs11 }>();

/**
 * Loads the optional `pkcs11js` binding (a native addon built at install, see README) and the
 * PKCS#11 library. @throws CredentialError `UNREADABLE` when either cannot be loaded.
 */
export async function loadPkcs11Module(
  library: string,
): Promise<{ pkcs11js: Pkcs11Js; pkcs11: Pkcs11 }> {
  const loaded = modules.get(library);
  if (loaded) return loaded;
  let pkcs11js: Pkcs11Js;
  try {
    const imported = (await import("pkcs11js")) as Pkcs11Js & { default?: Pkcs11Js };
    pkcs11js = imported.default ?? imported;
  } catch (error) {
    throw new CredentialError(
      "UNREADABLE",
      `PKCS#11: the pkcs11js binding is not installed or not built (${(error as Error).message}); see README, "The admin key in a key service"`,
      { cause: error },
    );
  }
  const pkcs11 = new pkcs11js.PKCS11();
  try {
    pkcs11.load(library);
    pkcs11.C_Initialize();
  } catch (error) {
    if ((error as Error).message !== "CKR_CRYPTOKI_ALREADY_INITIALIZED") {
      throw new CredentialError(
        "UNREADABLE",
        `PKCS#11 library ${library} cannot be loaded: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const entry = { pkcs11js, pkcs11 };
  modules.set(library, entry);
  return entry;
}

/** A logged-in session on the configured token with the key's handle; reopened when lost. */
class Pkcs11Key {
  private session: Handle | undefined;
  private key: Handle | undefined;
  readonly name: string;

  constructor(
    private readonly pkcs11js: Pkcs11Js,
    private readonly pkcs11: Pkcs11,
    private readonly config: Pkcs11CredentialConfig,
    private readonly pin: string,
  ) {
    const which = [
      config.keyLabel ? `label=${config.keyLabel}` : "",
      config.keyId ? `id=${config.keyId}` : "",
    ]
      .filter(Boolean)
      .join(",");
    this.name = `pkcs11:${config.tokenLabel}/${which}`;
  }

  /** Opens a session, logs in and finds the key. @throws CredentialError `UNREADABLE`. */
  open(): void {
    const { pkcs11, pkcs11js, config } = this;
    const slot = pkcs11
      .C_GetSlotList(true)
      .find((s) => pkcs11.C_GetTokenInfo(s).label.trim() === config.tokenLabel);
    if (!slot) {
      throw new CredentialError(
        "UNREADABLE",
        `PKCS#11: no token labelled "${config.tokenLabel}" in ${config.library}`,
      );
    }
    const session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      pkcs11.C_Login(session, pkcs11js.CKU_USER, this.pin);
    } catch (error) {
      const code = (error as Error).message;
      if (code !== "CKR_USER_ALREADY_LOGGED_IN") {
        pkcs11.C_CloseSession(session);
        // The PIN is never part of the message.
        throw new CredentialError(
          "UNREADABLE",
          `PKCS#11 token "${config.tokenLabel}": login with the PIN in ${config.pinFile} failed (${code})`,
          { cause: error },
        );
      }
    }
    const template: Pkcs11Module.Template = [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_RSA },
    ];
    if (config.keyLabel) template.push({ type: pkcs11js.CKA_LABEL, value: config.keyLabel });
    if (config.keyId) {
      template.push({ type: pkcs11js.CKA_ID, value: Buffer.from(config.keyId, "hex") });
    }
    pkcs11.C_FindObjectsInit(session, template);
    const found = pkcs11.C_FindObjects(session, 2);
    pkcs11.C_FindObjectsFinal(session);
    if (found.length !== 1) {
      pkcs11.C_CloseSession(session);
      throw new CredentialError(
        "UNREADABLE",
        found.length === 0
          ? `PKCS#11: no RSA private key ${this.name}`
          : `PKCS#11: several RSA private keys match ${this.name}; set keyId (CKA_ID) too`,
      );
    }
    this.session = session;
    this.key = found[0]!;
  }

  /** The key's public half from CKA_MODULUS and CKA_PUBLIC_EXPONENT (public attributes). */
  publicKey(): KeyObject {
    const { pkcs11, pkcs11js } = this;
    const [modulus, exponent] = pkcs11.C_GetAttributeValue(this.session!, this.key!, [
      { type: pkcs11js.CKA_MODULUS },
      { type: pkcs11js.CKA_PUBLIC_EXPONENT },
    ]);
    const n = modulus?.value as Buffer | undefined;
    const e = exponent?.value as Buffer | undefined;
    if (!n?.length || !e?.length) {
      throw new CredentialError("UNREADABLE", `PKCS#11: ${this.name} has no readable modulus`);
    }
    return createPublicKey({
      key: { kty: "RSA", n: n.toString("base64url"), e: e.toString("base64url") },
      format: "jwk",
    });
  }

  /** Signs once; a lost session is reopened and the signature tried once more. */
  sign(alg: GrantAlg, data: Buffer, signatureBytes: number): Buffer {
    const attempt = () => {
      if (!this.session) this.open();
      this.pkcs11.C_SignInit(
        this.session!,
        { mechanism: mechanismOf(this.pkcs11js, alg) },
        this.key!,
      );
      return this.pkcs11.C_Sign(this.session!, data, Buffer.alloc(signatureBytes));
    };
    try {
      return attempt();
    } catch (error) {
      if (!SESSION_LOST.has((error as Error).message)) throw error;
      this.session = undefined;
      return attempt();
    }
  }
}

/**
 * A `GrantSigner` over a PKCS#11 key: the signing input goes to the token, which hashes, pads and
 * signs (`C_SignInit` + `C_Sign`, synchronous: one operation at a time per session).
 * @throws Error naming the key and PKCS#11's return value (e.g. CKR_KEY_FUNCTION_NOT_PERMITTED).
 */
function pkcs11Signer(key: Pkcs11Key, alg: GrantAlg, signatureBytes: number): GrantSigner {
  return {
    sign: async (signingInput) => {
      try {
        return key.sign(alg, Buffer.from(signingInput), signatureBytes);
      } catch (error) {
        throw new Error(`PKCS#11 could not sign with ${key.name}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },
  };
}

/**
 * Builds the credential: loads the library, logs in, finds the key and reads its public half (so
 * a wrong PIN, label or token fails the start), and with `certPath` checks it is the certificate's.
 * @throws CredentialError (`UNREADABLE`, `KEY_MISMATCH`, `CERT_EXPIRED`, …).
 */
export async function loadPkcs11Credential(
  config: Pkcs11CredentialConfig,
): Promise<AdminCredential> {
  const pin = (await readFile(config.pinFile, "utf8")).replace(/\r?\n$/, "");
  const { pkcs11js, pkcs11 } = await loadPkcs11Module(config.library);
  const key = new Pkcs11Key(pkcs11js, pkcs11, config, pin);
  key.open();
  const publicKey = key.publicKey();
  const modulusBits = publicKey.asymmetricKeyDetails?.modulusLength ?? 2048;
  const alg: GrantAlg = "RS256";
  return remoteCredential(config, {
    publicKey,
    signer: pkcs11Signer(key, alg, Math.ceil(modulusBits / 8)),
    keyService: key.name,
    alg,
  });
}
