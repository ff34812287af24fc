import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  GetPublicKeyCommand,
  KMSClient,
  SignCommand,
  type SigningAlgorithmSpec,
} from "@aws-sdk/client-kms";
import {
  type AdminCredential,
  CredentialError,
  loadRemoteCertificate,
} from "@portvakt/maskinporten";
import type { GrantAlg, GrantSigner } from "@portvakt/maskinporten-rules";

/**
 * An admin credential whose private key is in AWS KMS (config `credential.type: "awsKms"`). The
 * key is an asymmetric `SIGN_VERIFY` RSA key (RSA_2048 or larger); Portvakt calls `Sign` and
 * `GetPublicKey` only. With `certPath` the key is a business certificate's (the grant carries the
 * chain as `x5c`); with `kid` it is the admin client's own registered key (own-key mode).
 */
export interface AwsKmsCredentialConfig {
  type: "awsKms";
  /** Key id, key ARN, alias name (`alias/…`) or alias ARN. */
  keyId: string;
  /** AWS region of the key, e.g. `eu-north-1`. */
  region: string;
  /** Another endpoint (a VPC endpoint, or a stand-in in tests); default AWS's for the region. */
  endpoint?: string;
  /** PEM certificate chain, leaf first, of the business certificate whose key is in KMS. */
  certPath?: string;
  /** Own-key mode: the kid under which the key's public half is registered on the admin client. */
  kid?: string;
  /** Own-key mode: the organisation number (there is no certificate to read it from). */
  orgno?: string;
}

/** KMS's name of the RSASSA-PKCS1-v1_5 signing algorithm of each grant alg (AWS KMS API, `SigningAlgorithmSpec`). */
const KMS_ALGORITHM: Record<GrantAlg, SigningAlgorithmSpec> = {
  RS256: "RSASSA_PKCS1_V1_5_SHA_256",
  RS384: "RSASSA_PKCS1_V1_5_SHA_384",
  RS512: "RSASSA_PKCS1_V1_5_SHA_512",
};

const NODE_HASH: Record<GrantAlg, string> = { RS256: "sha256", RS384: "sha384", RS512: "sha512" };

/**
 * A `GrantSigner` that asks AWS KMS to sign: the signing input is hashed here and sent as
 * `MessageType: DIGEST` (the grant never leaves the process, only its hash). Errors of the SDK
 * (AccessDeniedException, KMSInvalidStateException for a disabled key, network) are thrown with
 * the key named.
 */
export function awsKmsSigner(client: KMSClient, keyId: string, alg: GrantAlg): GrantSigner {
  return {
    sign: async (signingInput) => {
      const digest = createHash(NODE_HASH[alg]).update(signingInput).digest();
      try {
        const answer = await client.send(
          new SignCommand({
            KeyId: keyId,
            Message: digest,
            MessageType: "DIGEST",
            SigningAlgorithm: KMS_ALGORITHM[alg],
          }),
        );
        if (!answer.Signature || answer.Signature.length === 0) {
          throw new Error("KMS answered no signature");
        }
        return answer.Signature;
      } catch (error) {
        throw new Error(
          `AWS KMS could not sign with ${keyId}: ${(error as Error).name}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    },
  };
}

/** The KMS key's public key (`GetPublicKey`, DER SubjectPublicKeyInfo). */
async function publicKeyOf(client: KMSClient, keyId: string): Promise<KeyObject> {
  let der: Uint8Array | undefined;
  try {
    der = (await client.send(new GetPublicKeyCommand({ KeyId: keyId }))).PublicKey;
  } catch (error) {
    throw new CredentialError(
      "UNREADABLE",
      `AWS KMS key ${keyId}: its public key cannot be read (${(error as Error).name}: ${(error as Error).message})`,
      { cause: error },
    );
  }
  if (!der) throw new CredentialError("UNREADABLE", `AWS KMS key ${keyId} has no public key`);
  return createPublicKey({ key: Buffer.from(der), format: "der", type: "spki" });
}

/**
 * Builds the credential: reads the key's public key from KMS (so a wrong key id or missing
 * permission fails the start, not the first token), and with `certPath` checks it is the
 * certificate's. Credentials for AWS come from the SDK's default chain (environment variables,
 * web identity/IRSA, the instance's role); none are in Portvakt's configuration.
 * @throws CredentialError (`UNREADABLE`, `KEY_MISMATCH`, `CERT_EXPIRED`, …).
 */
export async function loadAwsKmsCredential(
  config: AwsKmsCredentialConfig,
  options: { client?: KMSClient } = {},
): Promise<AdminCredential> {
  const client =
    options.client ??
    new KMSClient({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    });
  const alg: GrantAlg = "RS256";
  const signer = awsKmsSigner(client, config.keyId, alg);
  const keyService = `aws-kms:${config.keyId}`;
  const publicKey = await publicKeyOf(client, config.keyId);
  if (config.certPath) {
    return loadRemoteCertificate(
      { certChainPem: await readFile(config.certPath, "utf8"), publicKey, signer, keyService },
      { source: config.certPath },
    );
  }
  if (publicKey.asymmetricKeyType !== "rsa") {
    throw new CredentialError(
      "UNREADABLE",
      `AWS KMS key ${config.keyId} is ${publicKey.asymmetricKeyType}; Maskinporten needs an RSA key`,
    );
  }
  return {
    kind: "jwk",
    kid: config.kid!,
    alg,
    ...(config.orgno ? { orgno: config.orgno } : {}),
    signer,
    keyService,
  };
}
