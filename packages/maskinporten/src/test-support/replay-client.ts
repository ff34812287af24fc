import { generateKeyPair } from "jose";
import type { AdminCredential } from "../credentials";
import { SelfServiceClient, type SelfServiceClientOptions } from "../self-service";
import { TokenClient } from "../token";

/**
 * A self-service client of the recording server at `url` (`startReplayServer`): its admin
 * token from the recorded token endpoint (`${url}/token`), signed with a fresh key no one else
 * holds. `options` adds to or overrides the client's options (admin scopes, retries, hooks).
 */
export async function replayClient(
  url: string,
  options: Partial<SelfServiceClientOptions> = {},
): Promise<SelfServiceClient> {
  const { privateKey } = await generateKeyPair("RS256");
  const credential: AdminCredential = {
    kind: "jwk",
    kid: "replay-admin",
    privateKey,
    alg: "RS256",
    orgno: "991825827",
  };
  const tokens = new TokenClient({ issuer: `${url}/`, clientId: "replay-admin", credential });
  return new SelfServiceClient({
    baseUrl: url,
    tokens,
    adminScopes: ["idporten:scopes.read", "idporten:dcr.read"],
    ...options,
  });
}
