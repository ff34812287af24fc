import {
  constants,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  privateEncrypt,
} from "node:crypto";
import { DIGEST_INFO_PREFIX, StandInError, startStandInServer } from "./cloud-stand-in-http";

/**
 * A stand-in for Google Cloud KMS on loopback, for tests. It speaks the Cloud KMS REST API v1's
 * shapes (Google Cloud docs, "cryptoKeyVersions.getPublicKey" and ".asymmetricSign"):
 * `GET /v1/{name}/publicKey` answers `{"pem","algorithm","name","protectionLevel"}`; `POST
 * /v1/{name}:asymmetricSign` takes `{"digest":{"sha256":<base64>}}` and answers
 * `{"signature":<base64>,"name","verifiedDigestCrc32c":false,"protectionLevel"}`; errors are
 * `{"error":{"code","message","status"}}` (401 UNAUTHENTICATED, 404 NOT_FOUND, 400
 * FAILED_PRECONDITION for a disabled version, 400 INVALID_ARGUMENT). Its metadata server answers
 * `GET /computeMetadata/v1/instance/service-accounts/default/token` (header `Metadata-Flavor: Google`).
 */
export interface GcpKmsStandIn {
  url: string;
  /** The metadata server's token URL. */
  metadataTokenUrl: string;
  /** Adds a key version (new or imported material); answers its resource name. */
  addKey(options?: { privateKey?: KeyObject; algorithm?: string; key?: string }): string;
  disable(name: string): void;
  /** asymmetricSign requests answered with a signature, by name. */
  signs: Map<string, number>;
  revokeTokens(): void;
  close(): Promise<void>;
}

export async function startGcpKmsStandIn(): Promise<GcpKmsStandIn> {
  const versions = new Map<
    string,
    { privateKey: KeyObject; algorithm: string; enabled: boolean }
  >();
  const signs = new Map<string, number>();
  const counters = new Map<string, number>();
  const fail = (code: number, status: string, message: string): never => {
    throw new StandInError(code, { error: { code, message, status } });
  };
  const server = await startStandInServer((request) => {
    if (request.path === "/computeMetadata/v1/instance/service-accounts/default/token") {
      if (request.headers["metadata-flavor"] !== "Google") {
        throw new StandInError(403, { error: "Missing Metadata-Flavor:Google header" });
      }
      return { access_token: server.issue(), expires_in: 3599, token_type: "Bearer" };
    }
    if (!server.valid(request.headers.authorization)) {
      fail(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
    }
    const match =
      /^\/v1\/(projects\/.+\/cryptoKeyVersions\/[^/:]+)(\/publicKey|:asymmetricSign)$/.exec(
        request.path,
      );
    if (!match) return fail(404, "NOT_FOUND", `No route ${request.path}`);
    const [, name, operation] = match as unknown as [string, string, string];
    const version =
      versions.get(name) ?? fail(404, "NOT_FOUND", `CryptoKeyVersion ${name} not found.`);
    if (operation === "/publicKey" && request.method === "GET") {
      return {
        pem: createPublicKey(version.privateKey).export({ format: "pem", type: "spki" }),
        algorithm: version.algorithm,
        name,
        protectionLevel: "HSM",
      };
    }
    if (operation !== ":asymmetricSign" || request.method !== "POST") {
      return fail(405, "INVALID_ARGUMENT", "Method not allowed");
    }
    if (!version.enabled) {
      fail(400, "FAILED_PRECONDITION", `${name} is not enabled, current state is: DISABLED.`);
    }
    const body = JSON.parse(request.body || "{}") as {
      digest?: { sha256?: string };
      data?: string;
    };
    if (
      !version.algorithm.startsWith("RSA_SIGN_PKCS1_") ||
      !version.algorithm.endsWith("_SHA256")
    ) {
      fail(400, "INVALID_ARGUMENT", "This stand-in signs RSA_SIGN_PKCS1_*_SHA256 only");
    }
    const digest = Buffer.from(String(body.digest?.sha256 ?? ""), "base64");
    if (digest.length !== 32) {
      fail(
        400,
        "INVALID_ARGUMENT",
        "The digest type does not match the key's algorithm, or its length is wrong.",
      );
    }
    const signature = privateEncrypt(
      { key: version.privateKey, padding: constants.RSA_PKCS1_PADDING },
      Buffer.concat([DIGEST_INFO_PREFIX.sha256, digest]),
    );
    signs.set(name, (signs.get(name) ?? 0) + 1);
    return {
      signature: signature.toString("base64"),
      verifiedDigestCrc32c: false,
      name,
      protectionLevel: "HSM",
    };
  });
  return {
    url: server.url,
    metadataTokenUrl: `${server.url}/computeMetadata/v1/instance/service-accounts/default/token`,
    signs,
    addKey: ({
      privateKey,
      algorithm = "RSA_SIGN_PKCS1_2048_SHA256",
      key = "portvakt-admin",
    } = {}) => {
      const next = (counters.get(key) ?? 0) + 1;
      counters.set(key, next);
      const name = `projects/portvakt-test/locations/europe-north1/keyRings/portvakt/cryptoKeys/${key}/cryptoKeyVersions/${next}`;
      const material = privateKey ?? generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      versions.set(name, {
        privateKey: createPrivateKey(material.export({ format: "pem", type: "pkcs8" })),
        algorithm,
        enabled: true,
      });
      return name;
    },
    disable: (name) => {
      const version = versions.get(name);
      if (version) version.enabled = false;
    },
    revokeTokens: () => server.revokeAll(),
    close: server.close,
  };
}
