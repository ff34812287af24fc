import type { KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  type AdminCredential,
  CredentialError,
  loadRemoteCertificate,
} from "@portvakt/maskinporten";
import type { GrantAlg, GrantSigner } from "@portvakt/maskinporten-rules";

/**
 * What every key-service credential shares (AWS KMS, PKCS#11, Azure Key Vault, Google Cloud KMS):
 * either `certPath` (a business certificate whose key is in the service; the grant carries the
 * chain as `x5c`) or `kid` (own-key mode: the key's public half is registered on the admin client
 * under this kid, Maskinporten docs "Registrere klient som bruker egen nøkkel"), never both.
 */
export interface RemoteKeyPlacement {
  /** PEM certificate chain, leaf first, of the business certificate whose key is in the service. */
  certPath?: string;
  /** Own-key mode: the kid under which the key's public half is registered on the admin client. */
  kid?: string;
  /** Own-key mode: the organisation number (there is no certificate to read it from). */
  orgno?: string;
}

/**
 * Builds the `AdminCredential` of a key held in a key service, from its public key (read from the
 * service, so a wrong key or a missing permission fails the start, not the first token) and its
 * signer. With `certPath`, the certificate's public key must be the service's key.
 * @throws CredentialError `UNREADABLE` (not an RSA key), `KEY_MISMATCH`, `CERT_EXPIRED`, …
 */
export async function remoteCredential(
  placement: RemoteKeyPlacement,
  input: { publicKey: KeyObject; signer: GrantSigner; keyService: string; alg?: GrantAlg },
): Promise<AdminCredential> {
  const alg = input.alg ?? "RS256";
  if (placement.certPath) {
    return loadRemoteCertificate(
      {
        certChainPem: await readFile(placement.certPath, "utf8"),
        publicKey: input.publicKey,
        signer: input.signer,
        keyService: input.keyService,
      },
      { source: placement.certPath },
    );
  }
  if (input.publicKey.asymmetricKeyType !== "rsa") {
    throw new CredentialError(
      "UNREADABLE",
      `The key ${input.keyService} is ${input.publicKey.asymmetricKeyType}; Maskinporten needs an RSA key`,
    );
  }
  if (!placement.kid) {
    throw new CredentialError(
      "UNREADABLE",
      `The key ${input.keyService} needs certPath (a business certificate) or kid (own-key mode)`,
    );
  }
  return {
    kind: "jwk",
    kid: placement.kid,
    alg,
    ...(placement.orgno ? { orgno: placement.orgno } : {}),
    signer: input.signer,
    keyService: input.keyService,
  };
}

/** Node's hash name of each grant alg (RFC 7518 §3.3: RS256 = RSASSA-PKCS1-v1_5 with SHA-256). */
export const NODE_HASH: Record<GrantAlg, "sha256" | "sha384" | "sha512"> = {
  RS256: "sha256",
  RS384: "sha384",
  RS512: "sha512",
};
