import { createHash } from "node:crypto";
import type { JwksResponse } from "@portvakt/contracts";
import type { KeySetEditor } from "@portvakt/maskinporten";
import type { Context } from "hono";
import { recordChange } from "../audit/middleware";
import { lockKeys } from "../changes/locks";
import { guardedApiOf } from "../changes/request";
import type { BffEnv } from "../context";
import { codedProblem } from "../problem";
import { environmentOf } from "../security/known-environment";

/**
 * A version of a key set for If-Match: two reads of the same set on Digdir give the same value,
 * and any change to a key (added, removed, renewed, given `use`) gives another.
 */
export function jwksVersion(jwks: JwksResponse): string {
  const keys = [...jwks.keys]
    .sort((a, b) => (a.kid ?? "").localeCompare(b.kid ?? ""))
    .map((k) => [k.kid ?? null, k.n ?? null, k.e ?? null, k.use ?? null, k.exp ?? null]);
  const digest = createHash("sha256")
    .update(JSON.stringify([keys, jwks.last_updated ?? null]))
    .digest("base64url");
  return `"${digest.slice(0, 22)}"`;
}

/** What the audit log keeps of a key set: the public ids and expiry, never key material. */
function keyIds(jwks: JwksResponse) {
  return {
    kids: jwks.keys.map((key) => ({ kid: key.kid ?? "", ...(key.exp ? { exp: key.exp } : {}) })),
  };
}

/**
 * The If-Match of a whole-set edit (replace all, remove all).
 * @throws ProblemError 428 when it is missing.
 */
export function requireIfMatch(ifMatch: string | undefined): string {
  if (!ifMatch) {
    throw codedProblem(428, "problem.keys.if-match-required");
  }
  return ifMatch;
}

function assertUnchanged(current: JwksResponse, ifMatch: string | undefined): void {
  if (ifMatch !== undefined && jwksVersion(current) !== ifMatch) {
    throw codedProblem(412, "problem.keys.changed");
  }
}

/**
 * The client's key set as it is now, with its version in the `ETag` header; a read settles an
 * edit of the set whose outcome was unknown (in the background).
 */
export async function readKeySet(c: Context<BffEnv>, clientId: string): Promise<JwksResponse> {
  const environment = environmentOf(c);
  const jwks = await environment.keys.read(clientId);
  c.get("changeGuard").noticeRead({ exact: [lockKeys.client(environment.config.id, clientId)] });
  c.header("ETag", jwksVersion(jwks));
  return jwks;
}

/**
 * Every key edit goes through the environment's one `KeySetEditor` (client library): under its
 * lock it reads the set, checks `If-Match` (when sent; 412 when stale), writes with Digdir's
 * single-key endpoints (or the whole set for "replace all"), and reads the set again. The key
 * ids before and after are audited; the new set's version is the `ETag` header. The editor is
 * over this request's guarded calls: the client's lock is the ChangeGuard's (across instances
 * with PostgreSQL), and each write's outcome is found out if its answer is lost (issue 13).
 */
export async function editKeySet(
  c: Context<BffEnv>,
  ifMatch: string | undefined,
  edit: (editor: KeySetEditor, check: (current: JwksResponse) => void) => Promise<JwksResponse>,
): Promise<JwksResponse> {
  const editor = guardedApiOf(c).keySetEditor();
  const jwks = await edit(editor, (current) => {
    recordChange(c, { before: keyIds(current) });
    assertUnchanged(current, ifMatch);
  });
  recordChange(c, { after: keyIds(jwks) });
  c.header("ETag", jwksVersion(jwks));
  return jwks;
}
