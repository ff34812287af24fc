/** A registered public key as the self-service API returns it (read leniently). */
export interface RegisteredPublicKey {
  kty?: string;
  n?: string;
  e?: string;
  alg?: string;
}

/** What the diagnosis may know besides the input; every part is optional. */
export interface DiagnosisContext {
  environment?: { issuer: string; kind?: string };
  /** The client named by the grant's iss (or chosen by the user), as the self-service API has it. */
  client?: {
    client_id: string;
    scopes: string[];
    /**
     * The client's registered keys: `exp` in epoch seconds; `jwk` the public key, to check the
     * grant's signature (without it the signature is not checked).
     */
    keys: Array<{ kid: string; exp?: number; jwk?: RegisteredPublicKey }>;
    hasKeys?: boolean;
  };
  /** Scopes the organisation may use: APPROVED grants, own and accessible to all. */
  grantedScopes?: string[];
  /** The clock: epoch ms (the one convention of every package); default `Date.now`. */
  now?: () => number;
}

export function nowSeconds(context?: DiagnosisContext): number {
  return Math.floor((context?.now ?? Date.now)() / 1000);
}
