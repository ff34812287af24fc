import {
  CLIENT_READ_ONLY_FIELDS,
  Client,
  ClientInput,
  ClientUpdate,
  type Coded,
  DelegationSource,
  type DigdirError,
  firstMalformedString,
  Jwk,
  type JwkRead,
  Jwks,
  JwksAnswer,
  type JwksResponse,
  type Organization,
  OrganizationAnswer,
  type PrefixInfo,
  type RowWarning,
  readJwk,
  readList,
  readPrefix,
  readRow,
  readScope,
  type Scope,
  ScopeAccess,
  ScopeCatalogueQuery,
  ScopeInput,
  ScopeUpdate,
  setAsideFields,
  warningsIn,
} from "@portvakt/contracts";
import { decodeJwt } from "jose";
import { z } from "zod";
import { readDigdirError } from "./error-body";
import {
  checkedInput,
  explainForbiddenCoded,
  explainHttpStatusCoded,
  explainUnauthorizedCoded,
  MaskinportenError,
  parseRetryAfter,
  type SentTokenFacts,
} from "./errors";
import type { AccessToken, TokenClient } from "./token";
import {
  correlationIdOf,
  failureOfFetch,
  fetchTransport,
  parseJson,
  sameBytes,
  type Transport,
  type UpstreamResponse,
  undiciTransport,
} from "./transport";

export interface SelfServiceClientOptions {
  /** e.g. "https://api.test.samarbeid.digdir.no"; the client adds /api/v1/… itself. */
  baseUrl: string;
  tokens: TokenClient;
  /** Requested together in one token, e.g. ALL_ADMIN_SCOPES or the subset the client holds. */
  adminScopes: readonly string[];
  /** Calls Digdir through this `fetch` instead of undici's pooled `request` (tests inject one). */
  fetch?: typeof fetch;
  /**
   * How calls reach Digdir; default `undiciTransport` (undici's global dispatcher, so a proxy
   * installed with `setGlobalDispatcher` is used), or a `fetchTransport` when `fetch` is given.
   */
  transport?: Transport;
  /** Per attempt; default 15 000 ms. */
  timeoutMs?: number;
  /**
   * Extra attempts of a GET after a network error, timeout or 502/503/504; default 2. Writes
   * (POST, PUT, DELETE) are never repeated: their outcome is unknown after such a failure.
   */
  retries?: number;
  /** Backoff before retry n is random in [0, base · 2^(n-1)) ms ("full jitter"); default 100. */
  retryBaseDelayMs?: number;
  /**
   * Hears every oddity of a row Digdir answered (a `portvakt_warnings` entry, docs/maskinporten.md §8) with the
   * call it came from; e.g. to log each kind once. Default: nothing.
   */
  onRowWarning?: (warning: RowWarning, where: { method: string; path: string }) => void;
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

interface Call {
  method: Method;
  /** Below /api/v1, with path segments already encoded. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Admin scopes of which any one allows the call, to explain a 403. */
  needs: readonly string[];
  /** The public catalogue needs no token. */
  anonymous?: boolean;
  /** API version of the path; default 1 (`/api/v1`). */
  version?: 1 | 2;
  /** A text body (`text/plain`) instead of JSON. */
  text?: string;
  /**
   * Answers Digdir gives for "nothing there" (docs/maskinporten.md §8): a 404 (`GET .../jwks` of a client without
   * keys) or an error whose `error_description` says the organisation "does not have any". Read
   * as this value instead of an error.
   */
  empty?: { when: "404" | "does-not-have-any"; value: unknown };
}

/** Digdir's wording for an empty list it answers as an error (docs/maskinporten.md §8, Digdir's own web client). */
const DOES_NOT_HAVE_ANY = /does not have any/i;

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const MAX_BACKOFF_MS = 5_000;

const SCOPES_READ = ["idporten:scopes.read", "idporten:scopes.write"] as const;
const SCOPES_WRITE = ["idporten:scopes.write"] as const;
const DCR_READ = ["idporten:dcr.read", "idporten:dcr.write", "idporten:dcr.modify"] as const;
const DCR_CREATE = ["idporten:dcr.write"] as const;
const DCR_MODIFY = ["idporten:dcr.write", "idporten:dcr.modify"] as const;

// Answers are read leniently (docs/maskinporten.md §8): one odd row never fails a list; see contracts' read.ts.
const rowsOf = <T>(read: (raw: unknown) => T | undefined) =>
  z.array(z.unknown()).transform((rows) =>
    rows.flatMap((raw): T[] => {
      const row = read(raw);
      return row === undefined ? [] : [row];
    }),
  );
const ScopeList = rowsOf(readScope);
const OneScope = z.unknown().transform((raw, ctx) => {
  const scope = readScope(raw);
  if (!scope) {
    ctx.addIssue({ code: "custom", message: "A scope is an object with a name" });
    return z.NEVER;
  }
  return scope;
});
const ScopeAccessList = readList(ScopeAccess);
const OneScopeAccess = z.unknown().transform((raw, ctx) => {
  const row = readRow(ScopeAccess, raw);
  if (!row) {
    ctx.addIssue({ code: "custom", message: "An access row names scope and consumer_orgno" });
    return z.NEVER;
  }
  return row;
});
const ClientList = readList(Client);
const OneClient = z.unknown().transform((raw, ctx) => {
  const row = readRow(Client, raw);
  if (!row) {
    ctx.addIssue({ code: "custom", message: "A client is an object with a client_id" });
    return z.NEVER;
  }
  return row;
});
// `GET /api/v1/prefix` answers `ScopePrefix` objects (2025 OpenAPI); bare names are read too.
const PrefixList = rowsOf(readPrefix);
const DelegationSourceList = readList(DelegationSource);
const EMPTY_LIST = { when: "does-not-have-any", value: [] } as const;

const seg = encodeURIComponent;
const OneKey = z.unknown().transform((raw, ctx) => {
  const key = readJwk(raw);
  if (!key) {
    ctx.addIssue({ code: "custom", message: "A key is a JSON object" });
    return z.NEVER;
  }
  return key;
});

/**
 * Typed calls of Digdir's self-service API (docs/maskinporten.md §3–§6). Scope names always travel as the
 * `scope` query parameter because they may contain "/"; every answer is checked against the
 * contracts' schemas before it is returned.
 */
export class SelfServiceClient {
  readonly baseUrl: string;
  readonly #tokens: TokenClient;
  readonly #adminScopes: readonly string[];
  readonly #send: Transport;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #retryBaseDelayMs: number;
  readonly #onRowWarning: SelfServiceClientOptions["onRowWarning"];
  readonly #stats = { calls: 0, retries: 0 };
  /** The last validated answer per GET URL, reused while Digdir answers the very same bytes. */
  readonly #answers = new Map<string, { bytes: Uint8Array; value: unknown }>();

  constructor(options: SelfServiceClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#tokens = options.tokens;
    this.#adminScopes = [...options.adminScopes];
    this.#send =
      options.transport ?? (options.fetch ? fetchTransport(options.fetch) : undiciTransport);
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#retries = options.retries ?? 2;
    this.#retryBaseDelayMs = options.retryBaseDelayMs ?? 100;
    this.#onRowWarning = options.onRowWarning;
  }

  /** `calls`: methods called. `retries`: extra HTTP attempts (backoff retries and 401 renewals). */
  get stats(): { calls: number; retries: number } {
    return { ...this.#stats };
  }

  // Scopes (docs/maskinporten.md §3)

  async listScopes(opts: { inactive?: boolean } = {}): Promise<Scope[]> {
    return this.#call(
      {
        method: "GET",
        path: "/scopes",
        query: { inactive: opts.inactive ? "true" : undefined },
        needs: SCOPES_READ,
        empty: EMPTY_LIST,
      },
      ScopeList,
    );
  }

  async getScope(scope: string): Promise<Scope> {
    return this.#call(
      { method: "GET", path: "/scopes/scope", query: { scope }, needs: SCOPES_READ },
      OneScope,
    );
  }

  async createScope(input: ScopeInput): Promise<Scope> {
    return this.#call(
      {
        method: "POST",
        path: "/scopes",
        body: checkedInput(ScopeInput, input, "The scope"),
        needs: SCOPES_WRITE,
      },
      OneScope,
    );
  }

  /**
   * Changes a scope. The scope is read first and the update laid over every field it has, so a
   * field Portvakt does not know (e.g. `protected`, a language variant, `delegations`) is sent
   * back as it was and never dropped, whether Digdir's PUT replaces or merges (Digdir's own web
   * client also sends the whole scope). Read-only fields (`name`, `owner_orgno`, `created`,
   * `last_updated`) and Portvakt's `portvakt_warnings` are not sent.
   * @param options.current the scope as the caller just read it (`getScope`, under its lock): it
   *   is not read again, so the call sends only the PUT (a failure before it is the caller's read's)
   * @throws MaskinportenInputError when `update` breaks `ScopeUpdate`; MaskinportenError from the read and the write.
   */
  async updateScope(
    scope: string,
    update: ScopeUpdate,
    options: { current?: Scope } = {},
  ): Promise<Scope> {
    const checked = checkedInput(ScopeUpdate, update, "The scope update");
    const current = options.current ?? (await this.getScope(scope));
    // A field the read set aside (an enum value Portvakt has not seen, say) goes back as Digdir
    // had it, unless the update sets it; read-only ones are left out in whatever shape they came.
    const {
      name: _name,
      owner_orgno: _owner,
      created: _created,
      last_updated: _updated,
      portvakt_warnings: _warnings,
      ...kept
    } = { ...setAsideFields(current), ...current };
    return this.#call(
      {
        method: "PUT",
        path: "/scopes",
        query: { scope },
        body: { ...kept, ...checked },
        needs: SCOPES_WRITE,
      },
      OneScope,
    );
  }

  /** Nothing is ever deleted: the scope stays, inactive, and its grants are kept. */
  async deactivateScope(scope: string): Promise<Scope> {
    return this.#call(
      { method: "DELETE", path: "/scopes", query: { scope }, needs: SCOPES_WRITE },
      OneScope,
    );
  }

  /**
   * The public catalogue; sent without a token. Sparse rows (only name, prefix, subscope,
   * description, active, owner) and odd values (`"authorization_max_lifetime": ""`) are read,
   * flagged in `portvakt_warnings`; `delegated_sources` lists only scopes with one. A prefix
   * filter as people type it (`NAV`, ` nav `) is sent as the prefix (`nav`).
   * @throws MaskinportenInputError when a filter breaks `ScopeCatalogueQuery` (e.g. `na v`).
   */
  async listScopeCatalogue(query: ScopeCatalogueQuery = {}): Promise<Scope[]> {
    const filters = checkedInput(ScopeCatalogueQuery, query, "The catalogue filters");
    return this.#call(
      {
        method: "GET",
        path: "/scopes/all",
        query: { ...filters },
        needs: [],
        anonymous: true,
        empty: EMPTY_LIST,
      },
      ScopeList,
    );
  }

  /**
   * The organisation's prefixes (`GET /api/v1/prefix`) with owner, name, state and dates as
   * Digdir answers them; none when Digdir says the organisation "does not have any".
   */
  async listPrefixes(): Promise<PrefixInfo[]> {
    return this.#call(
      { method: "GET", path: "/prefix", needs: SCOPES_READ, empty: EMPTY_LIST },
      PrefixList,
    );
  }

  /** Every prefix of every organisation (`GET /api/v1/prefix/all`, no token needed). */
  async listAllPrefixes(): Promise<PrefixInfo[]> {
    return this.#call(
      { method: "GET", path: "/prefix/all", needs: [], anonymous: true, empty: EMPTY_LIST },
      PrefixList,
    );
  }

  /**
   * Where a scope's `delegation_source` may point (`GET /api/v1/delegationsources`, 2025
   * OpenAPI `listAllDelegationSources`; it names no admin scope, so the token is sent as for
   * reads of scopes).
   */
  async listDelegationSources(): Promise<DelegationSource[]> {
    return this.#call(
      { method: "GET", path: "/delegationsources", needs: SCOPES_READ, empty: EMPTY_LIST },
      DelegationSourceList,
    );
  }

  // Access grants (docs/maskinporten.md §4)

  async grantAccess(scope: string, consumerOrgno: string): Promise<ScopeAccess> {
    return this.#call(
      {
        method: "PUT",
        path: `/scopes/access/${seg(consumerOrgno)}`,
        query: { scope },
        needs: SCOPES_WRITE,
      },
      OneScopeAccess,
    );
  }

  /** The grant stays, as DENIED; granting again approves it. */
  async revokeAccess(scope: string, consumerOrgno: string): Promise<ScopeAccess> {
    return this.#call(
      {
        method: "DELETE",
        path: `/scopes/access/${seg(consumerOrgno)}`,
        query: { scope },
        needs: SCOPES_WRITE,
      },
      OneScopeAccess,
    );
  }

  /**
   * The consumers of one scope; none when Digdir says there are not any. `inactive` asks for
   * revoked (DENIED) rows too (2025 OpenAPI `list`).
   */
  async listAccessByScope(
    scope: string,
    opts: { inactive?: boolean } = {},
  ): Promise<ScopeAccess[]> {
    return this.#call(
      {
        method: "GET",
        path: "/scopes/access",
        query: { scope, inactive: opts.inactive ? "true" : undefined },
        needs: SCOPES_READ,
        empty: EMPTY_LIST,
      },
      ScopeAccessList,
    );
  }

  /** The scopes one consumer holds of this organisation; `inactive` as for `listAccessByScope`. */
  async listAccessByConsumer(
    consumerOrgno: string,
    opts: { inactive?: boolean } = {},
  ): Promise<ScopeAccess[]> {
    return this.#call(
      {
        method: "GET",
        path: "/scopes/access",
        query: { consumer_orgno: consumerOrgno, inactive: opts.inactive ? "true" : undefined },
        needs: SCOPES_READ,
        empty: EMPTY_LIST,
      },
      ScopeAccessList,
    );
  }

  /**
   * Scopes of other organisations that the caller's organisation has been granted (needs
   * `idporten:scopes.read` per the 2025 OpenAPI); none when Digdir says there are not any.
   */
  async listAccessGrantedToMe(opts: { inactive?: boolean } = {}): Promise<ScopeAccess[]> {
    return this.#call(
      {
        method: "GET",
        path: "/scopes/access/all",
        query: { inactive: opts.inactive ? "true" : undefined },
        needs: SCOPES_READ,
        empty: EMPTY_LIST,
      },
      ScopeAccessList,
    );
  }

  // Clients (docs/maskinporten.md §5)

  async listClients(opts: { inactive?: boolean } = {}): Promise<Client[]> {
    return this.#call(
      {
        method: "GET",
        path: "/clients",
        query: { inactive: opts.inactive ? "true" : undefined },
        needs: DCR_READ,
        empty: EMPTY_LIST,
      },
      ClientList,
    );
  }

  async getClient(clientId: string): Promise<Client> {
    return this.#call(
      { method: "GET", path: `/clients/${seg(clientId)}`, needs: DCR_READ },
      OneClient,
    );
  }

  /** Fills the Maskinporten defaults (integration type, grant type, private_key_jwt). */
  async createClient(input: ClientInput): Promise<Client> {
    return this.#call(
      {
        method: "POST",
        path: "/clients",
        body: checkedInput(ClientInput, input, "The client"),
        needs: DCR_CREATE,
      },
      OneClient,
    );
  }

  /**
   * Changes a client. As for scopes (`updateScope`), the client is read first and the update laid
   * over every field it has: Digdir's own web client sends the whole client on `PUT
   * /api/v1/clients/{id}` (`app/lib/clients.ts` `updateClient`, `addScope`, `removeScope` in
   * digdir/digdir-camp-2025-react-impl: get, spread, put), so a partial body could reset what it
   * leaves out (its scopes, the OpenAPI's other fields). A field the read set aside goes back as
   * Digdir had it. Read-only fields (`created`, `last_updated`) and `portvakt_warnings` are not sent.
   * @param options.current the client as the caller just read it (`getClient`, under its lock):
   *   it is not read again, so the call sends only the PUT (a failure before it is the caller's read's)
   * @throws MaskinportenInputError when `update` breaks `ClientUpdate`; MaskinportenError from the read and the write.
   */
  async updateClient(
    clientId: string,
    update: ClientUpdate,
    options: { current?: Client } = {},
  ): Promise<Client> {
    const checked = checkedInput(ClientUpdate, update, "The client update");
    const current = options.current ?? (await this.getClient(clientId));
    const {
      created: _created,
      last_updated: _updated,
      portvakt_warnings: _warnings,
      ...rest
    } = { ...setAsideFields(current), ...current };
    // Members the PUT's body does not have (and Digdir says cannot be set) are not sent back.
    const kept = Object.fromEntries(
      Object.entries(rest).filter(
        ([field]) => !(CLIENT_READ_ONLY_FIELDS as readonly string[]).includes(field),
      ),
    );
    return this.#call(
      {
        method: "PUT",
        path: `/clients/${seg(clientId)}`,
        body: { ...kept, ...checked },
        needs: DCR_MODIFY,
      },
      OneClient,
    );
  }

  async deleteClient(clientId: string): Promise<void> {
    return this.#call(
      { method: "DELETE", path: `/clients/${seg(clientId)}`, needs: DCR_CREATE },
      null,
    );
  }

  // Client keys (docs/maskinporten.md §6)

  /**
   * The client's key set. Digdir answers 404 for a client without keys: read as `{keys: []}`
   * (docs/maskinporten.md §8). Keys are read leniently (`JwkRead`): a key without `use` is kept and flagged.
   */
  async getJwks(clientId: string): Promise<JwksResponse> {
    return this.#call(
      {
        method: "GET",
        path: `/clients/${seg(clientId)}/jwks`,
        needs: DCR_READ,
        empty: { when: "404", value: { keys: [] } },
      },
      JwksAnswer,
    );
  }

  /**
   * Replaces the whole key set (`POST .../jwks`). The set is validated first, so a JWK with
   * private members is refused here (`MaskinportenInputError`) and never leaves the process; so is an empty set
   * (removing every key is `deleteJwks`). Send each kept key's `exp`, or Digdir gives it a fresh
   * year (docs/maskinporten.md §8); `KeySetEditor.replaceAll` does.
   */
  async replaceJwks(clientId: string, jwks: Jwks): Promise<JwksResponse> {
    const body = checkedInput(Jwks, jwks, "The key set");
    if (body.keys.length === 0) {
      throw new RangeError(
        "replaceJwks needs at least one key: removing every key is deleteJwks (DELETE .../jwks)",
      );
    }
    return this.#call(
      { method: "POST", path: `/clients/${seg(clientId)}/jwks`, body, needs: DCR_MODIFY },
      JwksAnswer,
    );
  }

  async deleteJwks(clientId: string): Promise<void> {
    return this.#call(
      { method: "DELETE", path: `/clients/${seg(clientId)}/jwks`, needs: DCR_MODIFY },
      null,
    );
  }

  /** One key (`GET .../jwks/{kid}`), read leniently. */
  async getJwk(clientId: string, kid: string): Promise<JwkRead> {
    return this.#call(
      { method: "GET", path: `/clients/${seg(clientId)}/jwks/${seg(kid)}`, needs: DCR_READ },
      OneKey,
    );
  }

  /**
   * Adds or updates one key (`PUT /api/v1/clients/{id}/jwks/{kid}`, Digdir's "add or update a
   * single key"; needs `idporten:dcr.write` or `.modify` per the OpenAPI). The other keys are not
   * touched, so no read-modify-write of the set is needed. The key is checked with the write
   * rules (`Jwk`) first; an `exp` sent is kept, none gives a year.
   */
  async putJwk(clientId: string, jwk: Jwk): Promise<JwkRead> {
    const body = checkedInput(Jwk, jwk, "The key");
    return this.#call(
      {
        method: "PUT",
        path: `/clients/${seg(clientId)}/jwks/${seg(body.kid)}`,
        body,
        needs: DCR_MODIFY,
      },
      OneKey,
    );
  }

  /** Removes one key (`DELETE .../jwks/{kid}`); also the last one. */
  async deleteJwk(clientId: string, kid: string): Promise<void> {
    return this.#call(
      { method: "DELETE", path: `/clients/${seg(clientId)}/jwks/${seg(kid)}`, needs: DCR_MODIFY },
      null,
    );
  }

  /**
   * Adds a key given as text (`POST /api/v2/clients/{id}/key`, `text/plain`): a certificate, a
   * PEM public key or a JWK, as Digdir's OpenAPI describes it. Answers the key Digdir made of it.
   */
  async addKeyText(clientId: string, text: string): Promise<JwkRead> {
    if (/PRIVATE KEY-----/.test(text) || /"d"\s*:/.test(text)) {
      throw new RangeError("addKeyText takes a public key or a certificate, never a private key");
    }
    return this.#call(
      {
        method: "POST",
        version: 2,
        path: `/clients/${seg(clientId)}/key`,
        text,
        needs: DCR_MODIFY,
      },
      OneKey,
    );
  }

  // Organisations

  /**
   * An organisation's name (`GET /api/v1/organizations/{orgnr}` answers `{orgnr, name}`, no token
   * needed per the 2025 OpenAPI), as `{orgno, name}`.
   */
  async getOrganization(orgno: string): Promise<Organization> {
    return this.#call(
      { method: "GET", path: `/organizations/${seg(orgno)}`, needs: [], anonymous: true },
      OrganizationAnswer,
    );
  }

  async #call<T>(call: Call, schema: z.ZodType<T> | null): Promise<T> {
    this.#stats.calls++;
    const apiPath = `/api/v${call.version ?? 1}${call.path}`;
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) query.set(name, value);
    }
    const search = query.size > 0 ? `?${query}` : "";
    const url = `${this.baseUrl}${apiPath}${search}`;
    // Text that is not well-formed Unicode (a lone surrogate) has no UTF-8 form: it is never
    // sent, whichever way it came in (issue 13 #11).
    const malformed =
      firstMalformedString(call.body) ??
      firstMalformedString(call.query ?? {}) ??
      (firstMalformedString(call.path) && "path");
    if (malformed !== undefined) {
      const field = malformed === "(root)" ? undefined : malformed;
      throw new MaskinportenError({
        kind: "http",
        status: 400,
        method: call.method,
        path: apiPath,
        message: `${call.method} ${apiPath} not sent: text that is not well-formed Unicode`,
        explanation:
          "Portvakt did not send this to Digdir: it holds text that is not well-formed Unicode (a lone surrogate).",
        fieldErrors: [{ ...(field ? { field } : {}), message: "Not well-formed Unicode text" }],
      });
    }
    const where = { method: call.method, path: `${apiPath}${search}` };
    // Only reads are retried. A write whose answer was lost may still be applied (late, or it
    // was applied and the answer lost): sending it again blind can create a second client, or
    // land after a newer change of someone else and undo it (issue 13). Callers that need a
    // write's outcome re-read the resource instead (the BFF's ChangeGuard).
    const maxAttempts = call.method === "GET" ? 1 + this.#retries : 1;

    let attempt = 1;
    let renewedAfter401 = false;
    for (;;) {
      const token = call.anonymous ? undefined : await this.#tokens.getToken(this.#adminScopes);
      const headers: Record<string, string> = { accept: "application/json" };
      if (token) headers.authorization = `Bearer ${token.accessToken}`;
      if (call.body !== undefined) headers["content-type"] = "application/json";
      if (call.text !== undefined) headers["content-type"] = "text/plain";

      const known = call.method === "GET" ? this.#answers.get(url) : undefined;
      let response: UpstreamResponse;
      try {
        response = await this.#send({
          method: call.method,
          url,
          headers,
          ...(call.text !== undefined
            ? { body: call.text }
            : call.body !== undefined
              ? { body: JSON.stringify(call.body) }
              : {}),
          timeoutMs: this.#timeoutMs,
          ...(known ? { known: known.bytes } : {}),
        });
      } catch (error) {
        const kind = failureOfFetch(error);
        if (attempt < maxAttempts) {
          await this.#backoff(attempt++);
          continue;
        }
        throw new MaskinportenError({
          kind,
          ...where,
          message:
            kind === "timeout"
              ? `${call.method} ${apiPath} timed out after ${this.#timeoutMs} ms${attemptsNote(attempt)}`
              : `${call.method} ${apiPath} could not reach the self-service API${attemptsNote(attempt)}`,
          explanation:
            kind === "timeout"
              ? "The self-service API did not answer in time. It may be slow or down; try again shortly."
              : "The self-service API could not be reached (DNS, firewall, proxy or TLS problem).",
          cause: error,
        });
      }

      if (response.status === 401 && token && !renewedAfter401) {
        // The token may have expired or been revoked early: fetch one fresh token, once.
        renewedAfter401 = true;
        this.#tokens.invalidate(this.#adminScopes, token.accessToken);
        this.#stats.retries++;
        continue;
      }
      if (RETRYABLE_STATUS.has(response.status) && attempt < maxAttempts) {
        await this.#backoff(attempt++);
        continue;
      }
      const ok = response.status >= 200 && response.status < 300;
      const bytes = response.bytes;
      if (ok && known && sameBytes(known.bytes, bytes)) {
        // Identical bytes parse to the identical value: skip parsing and validating them again.
        // The value is frozen and shared, so callers can also cache what they derive from it.
        this.#answers.delete(url);
        this.#answers.set(url, known);
        return known.value as T;
      }
      const text = utf8.decode(bytes);
      if (!ok) {
        const upstream = readDigdirError(text, response.headers.get("content-type"));
        if (call.empty && isEmptyAnswer(call.empty.when, response.status, upstream)) {
          return call.empty.value as T;
        }
        throw this.#httpError(response, upstream, call, where, token, renewedAfter401);
      }
      const json = parseJson(text);
      if (schema === null) return undefined as T;
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new MaskinportenError({
          kind: "invalid-response",
          status: response.status,
          correlationId: correlationIdOf(response, json),
          ...where,
          message: `${call.method} ${apiPath} answered ${response.status} with a body Portvakt does not understand`,
          explanation: `The answer does not match the expected shape; problems at: ${parsed.error.issues
            .slice(0, 5)
            .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
            .join("; ")}`,
        });
      }
      if (this.#onRowWarning) {
        for (const warning of warningsIn(parsed.data)) this.#onRowWarning(warning, where);
      }
      if (call.method === "GET") this.#remember(url, bytes, parsed.data);
      return parsed.data;
    }
  }

  #remember(url: string, bytes: Uint8Array, value: unknown): void {
    deepFreeze(value);
    this.#answers.delete(url);
    this.#answers.set(url, { bytes, value });
    if (this.#answers.size > MAX_REMEMBERED_ANSWERS) {
      this.#answers.delete(this.#answers.keys().next().value as string);
    }
  }

  #httpError(
    response: UpstreamResponse,
    upstream: DigdirError | undefined,
    call: Call,
    where: { method: string; path: string },
    token: AccessToken | undefined,
    renewedAfter401: boolean,
  ): MaskinportenError {
    const status = response.status;
    const facts = token ? factsOf(token) : undefined;
    let explained: Coded;
    if (status === 401) {
      explained = explainUnauthorizedCoded({
        apiBaseUrl: this.baseUrl,
        token: facts,
        adminScopes: this.#adminScopes,
        retriedWithFreshToken: renewedAfter401,
      });
    } else if (status === 403) {
      explained = explainForbiddenCoded({
        requiredScopes: call.needs,
        token: facts,
        adminScopes: this.#adminScopes,
      });
    } else {
      explained = explainHttpStatusCoded(status, upstream);
    }
    let explanation = explained.detail;
    if (status === 403 && upstream?.error_description) {
      explanation += ` Digdir said: "${upstream.error_description}".`;
      explained = { ...explained, detail: explanation };
    }
    const description = upstream?.error_description ?? upstream?.error;
    const retryAfterSeconds =
      status === 429 || status === 503
        ? parseRetryAfter(response.headers.get("retry-after"))
        : undefined;
    return new MaskinportenError({
      kind: "http",
      status,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      correlationId: correlationIdOf(response, upstream),
      code: upstream?.error,
      fieldErrors: (upstream?.errors ?? []).map((error) => ({
        field: error.fieldIdentifier,
        message: error.errorMessage ?? "",
      })),
      upstream,
      ...where,
      message: `${call.method} /api/v${call.version ?? 1}${call.path} failed with ${status}${description ? `: ${description}` : ""}`,
      explanation,
      explained,
    });
  }

  async #backoff(attempt: number): Promise<void> {
    this.#stats.retries++;
    const ceiling = Math.min(MAX_BACKOFF_MS, this.#retryBaseDelayMs * 2 ** (attempt - 1));
    const delay = Math.random() * ceiling;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/**
 * Whether an error answer means "nothing there" (docs/maskinporten.md §8): a 404 where that is
 * the rule, or a 400 or 404 whose words (in whichever member the body carries them) say the
 * organisation "does not have any". A 401, 403 or 429 saying so ("…does not have any of the
 * required scopes") is a refusal, never an empty list.
 */
function isEmptyAnswer(
  when: "404" | "does-not-have-any",
  status: number,
  upstream: DigdirError | undefined,
): boolean {
  if (when === "404") return status === 404;
  return (
    (status === 400 || status === 404) && DOES_NOT_HAVE_ANY.test(upstream?.error_description ?? "")
  );
}

function attemptsNote(attempts: number): string {
  return attempts > 1 ? ` (${attempts} attempts)` : "";
}

/** What the access token itself says, read without verifying it: only to explain a refusal. */
function factsOf(token: AccessToken): SentTokenFacts {
  try {
    const claims = decodeJwt(token.accessToken);
    return {
      issuer: claims.iss,
      expiresAt: claims.exp,
      scopes:
        typeof claims.scope === "string" ? claims.scope.split(" ").filter(Boolean) : undefined,
    };
  } catch {
    // An opaque token says nothing; fall back to what the token endpoint answered.
    return {
      expiresAt: Math.floor(token.expiresAt / 1000),
      scopes: token.scope.split(" ").filter(Boolean),
    };
  }
}

const MAX_REMEMBERED_ANSWERS = 64;
const utf8 = new TextDecoder();

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const member of Object.values(value)) deepFreeze(member);
}
