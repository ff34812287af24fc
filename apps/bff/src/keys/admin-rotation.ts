import { generateKeyPairSync } from "node:crypto";
import { rename, writeFile } from "node:fs/promises";
import { loadPrivateJwk, TokenClient } from "@portvakt/maskinporten";
import type { Logger } from "pino";
import type { Environment } from "../upstream";

/**
 * What one rotation did: the kid replaced and the new one, or why nothing was done. `newExp` is
 * Digdir's `exp` of the new key (epoch seconds).
 * - `rotated` with `oldKeyLeft`: Portvakt signs with the new key, but removing the old key from
 *   the admin client failed (Digdir's words): it is still registered and must be removed by hand
 *   (its private half is no longer kept).
 * - `failed` with `newKid`: the new key was registered, then the rotation failed; `newKeyLeft`
 *   says removing it again failed too (it is still registered, and its private half is gone).
 */
export type AdminKeyRotation =
  | {
      env: string;
      status: "rotated";
      oldKid: string;
      newKid: string;
      newExp?: number;
      oldKeyLeft?: string;
    }
  | { env: string; status: "not-due" | "not-own-key" | "due"; kid?: string; exp?: number }
  | {
      env: string;
      status: "failed";
      kid: string;
      error: string;
      newKid?: string;
      newKeyLeft?: boolean;
    };

const DAY_MS = 86_400_000;

/**
 * Rotates an environment's own admin key (own-key mode, a `jwk` credential kept in a file) when
 * its `exp` (Digdir's, read from the admin client's JWKS) is within `beforeDays`:
 * 1. a new RSA 2048 key is made and its public half registered on the admin client through
 *    Digdir's single-key endpoint (`PUT /clients/{id}/jwks/{kid}`), beside the old key (overlap);
 * 2. a token is asked for with the new key alone, from Maskinporten's token endpoint;
 * 3. only when that succeeded, the new private JWK replaces the credential file (written beside
 *    it, then renamed over it; mode 0600), the environment signs with it from the next request,
 *    and the old key is removed from the admin client (`DELETE /clients/{id}/jwks/{kid}`).
 * If step 2 fails the new key is removed again and the old one kept (`failed`; `newKeyLeft` when
 * the removal failed too). If removing the old key in step 3 fails, the rotation still happened
 * (`rotated` with `oldKeyLeft`): the old key stays registered until an admin removes it. A credential in a key
 * service (no `privateKey`) is not rotated here: its new key must be made in the key service.
 * Source: Digdir keeps a key for a year (docs/maskinporten.md §8); digdirator rotates 30 days ahead.
 * `now` is epoch ms. Never throws: a failure is answered (`failed`) and logged.
 */
export async function rotateOwnAdminKey(
  env: Environment,
  options: {
    beforeDays: number;
    now: () => number;
    logger: Logger;
    /** The credential file to replace; required unless `dryRun`. */
    credentialPath?: string;
    /** Only say whether the key is `due` (nothing is changed). */
    dryRun?: boolean;
  },
): Promise<AdminKeyRotation> {
  const id = env.config.id;
  const credential = env.credential;
  const path = options.credentialPath;
  if (credential.kind !== "jwk" || !credential.privateKey || (!path && !options.dryRun)) {
    return { env: id, status: "not-own-key" };
  }
  const oldKid = credential.kid;
  const clientId = env.config.clientId;
  let newKid: string | undefined;
  try {
    const { keys } = await env.api.getJwks(clientId);
    const exp = (keys.find((key) => key.kid === oldKid) as { exp?: unknown } | undefined)?.exp;
    if (typeof exp !== "number" || exp * 1000 - options.now() > options.beforeDays * DAY_MS) {
      return {
        env: id,
        status: "not-due",
        kid: oldKid,
        ...(typeof exp === "number" ? { exp } : {}),
      };
    }
    if (options.dryRun || !path) return { env: id, status: "due", kid: oldKid, exp };
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const kid = `portvakt-admin-${new Date(options.now()).toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}`;
    const publicJwk = publicKey.export({ format: "jwk" });
    const registered = await env.api.putJwk(clientId, {
      kty: "RSA",
      n: String(publicJwk.n),
      e: String(publicJwk.e),
      kid,
      use: "sig",
      alg: "RS256",
    });
    newKid = kid;
    const privateJwk = { ...privateKey.export({ format: "jwk" }), kid, alg: "RS256" };
    const next = await loadPrivateJwk(privateJwk, {
      ...(credential.orgno ? { orgno: credential.orgno } : {}),
    });
    // The new key alone must get a token before anything depends on it.
    const probe = new TokenClient({
      issuer: env.config.issuer,
      clientId,
      credential: next,
      allowInsecureHttp: env.config.allowInsecureHttp,
    });
    await probe.getToken(env.config.adminScopes);
    const temporary = `${path}.rotating`;
    await writeFile(temporary, JSON.stringify(privateJwk), { mode: 0o600 });
    await rename(temporary, path);
    env.credential = next;
    env.tokens.setCredential(next);
    env.tokens.invalidate();
    // Switched: from here the rotation happened, whatever removing the old key answers.
    let oldKeyLeft: string | undefined;
    try {
      await env.api.deleteJwk(clientId, oldKid);
    } catch (error) {
      oldKeyLeft = (error as Error).message;
      options.logger.error(
        { env: id, old_kid: oldKid, new_kid: kid, err: { message: oldKeyLeft } },
        "own admin key rotated, but the old key could not be removed from the admin client",
      );
    }
    const newExp = (registered as { exp?: unknown }).exp;
    if (!oldKeyLeft) {
      options.logger.info({ env: id, old_kid: oldKid, new_kid: kid }, "own admin key rotated");
    }
    return {
      env: id,
      status: "rotated",
      oldKid,
      newKid: kid,
      ...(typeof newExp === "number" ? { newExp } : {}),
      ...(oldKeyLeft ? { oldKeyLeft } : {}),
    };
  } catch (error) {
    const message = (error as Error).message;
    options.logger.error(
      { env: id, kid: oldKid, new_kid: newKid, err: { message } },
      "own admin key rotation failed; the old key is kept",
    );
    let newKeyLeft = false;
    if (newKid && env.credential.kind === "jwk" && env.credential.kid === oldKid) {
      newKeyLeft = await env.api.deleteJwk(clientId, newKid).then(
        () => false,
        () => true,
      );
    }
    return {
      env: id,
      status: "failed",
      kid: oldKid,
      error: message,
      ...(newKid ? { newKid, newKeyLeft } : {}),
    };
  }
}
