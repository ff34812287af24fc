import {
  constants,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  privateEncrypt,
  randomUUID,
  sign,
} from "node:crypto";
import { createServer, type Server } from "node:http";

/**
 * A stand-in for AWS KMS on loopback, for tests: it speaks the KMS API's wire protocol (AWS JSON
 * 1.1, `X-Amz-Target: TrentService.<Operation>`, blobs in base64; AWS KMS API reference) so
 * Portvakt's real client, `@aws-sdk/client-kms`, talks to it through an endpoint override. It
 * knows `Sign` (RSASSA_PKCS1_V1_5_SHA_256/384/512, MessageType RAW or DIGEST) and `GetPublicKey`,
 * answers errors as KMS does (`__type`: NotFoundException, KMSInvalidStateException,
 * UnrecognizedClientException, ValidationException), and refuses a request without a SigV4
 * `Authorization` header naming the access key it was given. Signatures are not verified
 * cryptographically (SigV4 is the SDK's, not Portvakt's, to get right).
 */
export interface KmsStandIn {
  /** The endpoint, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Adds an RSA key (new, or imported key material) and answers its key id; `alias` too. */
  addKey(options?: { privateKey?: KeyObject; alias?: string }): string;
  /** KMS's DisableKey: Sign then answers KMSInvalidStateException. */
  disable(keyId: string): void;
  /** How many Sign requests each key id answered with a signature. */
  signs: Map<string, number>;
  close(): Promise<void>;
}

const DIGEST_INFO: Record<string, { hash: string; prefix: string }> = {
  RSASSA_PKCS1_V1_5_SHA_256: { hash: "sha256", prefix: "3031300d060960864801650304020105000420" },
  RSASSA_PKCS1_V1_5_SHA_384: { hash: "sha384", prefix: "3041300d060960864801650304020205000430" },
  RSASSA_PKCS1_V1_5_SHA_512: { hash: "sha512", prefix: "3051300d060960864801650304020305000440" },
};

class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startKmsStandIn(options: { accessKeyId: string }): Promise<KmsStandIn> {
  const keys = new Map<string, { privateKey: KeyObject; enabled: boolean; arn: string }>();
  const aliases = new Map<string, string>();
  const signs = new Map<string, number>();
  const region = "eu-north-1";
  const account = "111122223333";

  const find = (keyId: unknown) => {
    if (typeof keyId !== "string" || keyId.length === 0) {
      throw new KmsError("ValidationException", "KeyId is required");
    }
    const alias = keyId.replace(/^arn:aws:kms:[^:]+:\d+:/, "");
    const id = alias.startsWith("alias/")
      ? aliases.get(alias)
      : keyId.replace(/^arn:aws:kms:[^:]+:\d+:key\//, "");
    const key = id ? keys.get(id) : undefined;
    if (!id || !key) throw new KmsError("NotFoundException", `Key '${keyId}' does not exist`);
    return { id, key };
  };

  const operations: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
    GetPublicKey: (body) => {
      const { key } = find(body.KeyId);
      return {
        KeyId: key.arn,
        PublicKey: createPublicKey(key.privateKey)
          .export({ format: "der", type: "spki" })
          .toString("base64"),
        KeySpec: `RSA_${key.privateKey.asymmetricKeyDetails?.modulusLength ?? 2048}`,
        KeyUsage: "SIGN_VERIFY",
        SigningAlgorithms: Object.keys(DIGEST_INFO),
      };
    },
    Sign: (body) => {
      const { id, key } = find(body.KeyId);
      if (!key.enabled) throw new KmsError("KMSInvalidStateException", `${key.arn} is disabled.`);
      const algorithm = DIGEST_INFO[String(body.SigningAlgorithm)];
      if (!algorithm) {
        throw new KmsError(
          "ValidationException",
          `SigningAlgorithm ${String(body.SigningAlgorithm)} is not valid for this key`,
        );
      }
      const message = Buffer.from(String(body.Message ?? ""), "base64");
      let signature: Buffer;
      if ((body.MessageType ?? "RAW") === "DIGEST") {
        const digestInfo = Buffer.concat([Buffer.from(algorithm.prefix, "hex"), message]);
        if (message.length !== Number.parseInt(algorithm.prefix.slice(-2), 16)) {
          throw new KmsError("ValidationException", "Digest is invalid length for algorithm");
        }
        signature = privateEncrypt(
          { key: key.privateKey, padding: constants.RSA_PKCS1_PADDING },
          digestInfo,
        );
      } else {
        if (message.length > 4096)
          throw new KmsError("ValidationException", "Message is longer than 4096 bytes");
        signature = sign(algorithm.hash, message, key.privateKey);
      }
      signs.set(id, (signs.get(id) ?? 0) + 1);
      return {
        KeyId: key.arn,
        Signature: signature.toString("base64"),
        SigningAlgorithm: body.SigningAlgorithm,
      };
    },
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, {
          "Content-Type": "application/x-amz-json-1.1",
          "x-amzn-RequestId": randomUUID(),
        });
        response.end(JSON.stringify(body));
      };
      try {
        const authorization = String(request.headers.authorization ?? "");
        if (!authorization.startsWith(`AWS4-HMAC-SHA256 Credential=${options.accessKeyId}/`)) {
          throw new KmsError(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
          );
        }
        const target = String(request.headers["x-amz-target"] ?? "");
        const operation = target.startsWith("TrentService.")
          ? operations[target.slice(13)]
          : undefined;
        if (request.method !== "POST" || !operation) {
          throw new KmsError("UnknownOperationException", `Unknown operation ${target}`);
        }
        answer(
          200,
          operation(
            JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>,
          ),
        );
      } catch (error) {
        if (error instanceof KmsError) answer(400, { __type: error.type, message: error.message });
        else answer(500, { __type: "KMSInternalException", message: (error as Error).message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    signs,
    addKey: ({ privateKey, alias } = {}) => {
      const id = randomUUID();
      const key = privateKey ?? generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      keys.set(id, {
        privateKey: createPrivateKey(key.export({ format: "pem", type: "pkcs8" })),
        enabled: true,
        arn: `arn:aws:kms:${region}:${account}:key/${id}`,
      });
      if (alias) aliases.set(alias, id);
      return id;
    },
    disable: (keyId) => {
      find(keyId).key.enabled = false;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
