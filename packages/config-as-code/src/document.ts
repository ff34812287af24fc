import {
  coded,
  codedIssue,
  firstMalformedString,
  IntegrationType,
  Jwk,
  KEY_WRITE_ALGS,
  Kid,
  MAX_KEYS_PER_CLIENT,
  type MessageParams,
  OrgNumber,
  SCOPE_SETTINGS,
  ScopeName,
  Visibility,
} from "@portvakt/contracts";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import { type ConfigCode, configMessages } from "./messages";

export const DOCUMENT_VERSION = 1;

/**
 * A list that may be written empty: in YAML `consumers:` with nothing after it is `null`, and a
 * person writing it means "none", so `null` reads as `[]` (and a left-out list stays left out).
 */
function list<T extends z.ZodArray<z.ZodType>>(array: T) {
  return array
    .nullable()
    .transform((value): z.output<T> => value ?? ([] as z.output<T>))
    .optional();
}

/** Where a document went wrong: the path of the bad entry (`scopes[2].consumers[0]`) and why. */
export interface DocumentIssue {
  path: string;
  /** English, for the CLI and API clients. */
  message: string;
  /** The message's code (docs/i18n.md), so the console shows it in nb, nn or en. */
  code?: string;
  params?: MessageParams;
}

/** A document that cannot be planned: unreadable, invalid, or in conflict with the live state. */
export class DocumentError extends Error {
  override readonly name = "DocumentError";
  readonly issues: DocumentIssue[];
  constructor(issues: DocumentIssue[], message?: string) {
    super(
      message ??
        `The document is not valid: ${issues
          .slice(0, 5)
          .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
          .join("; ")}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ""}`,
    );
    this.issues = issues;
  }
}

// Unquoted digits in YAML become a number; say how to write it rather than "expected string".
const DocumentOrgNumber = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? "Required"
        : 'Write the organisation number as a quoted string, e.g. "889640782"',
  })
  .pipe(OrgNumber);

/**
 * One owned scope as the document declares it. A field left out means Digdir's default
 * (`SCOPE_DEFAULTS`), so a document is the whole truth about a scope and an export can stay short.
 */
export const ScopeEntry = z
  .strictObject({
    name: ScopeName,
    description: z.string().trim().min(1, "A description is required").max(1000),
    long_description: z.string().max(10_000).optional(),
    active: z.boolean().optional().meta({ description: "false = deactivated; default true" }),
    visibility: Visibility.optional(),
    allowed_integration_types: list(z.array(IntegrationType)),
    ...SCOPE_SETTINGS,
    delegation_source: z.url().optional(),
    enforced_aud_for_access_token: z.string().optional(),
    consumers: list(z.array(DocumentOrgNumber)).meta({
      description: "Organisations with APPROVED access; any other approved organisation is revoked",
    }),
  })
  .meta({
    id: "ScopeEntry",
    description: "A scope the organisation owns (docs/maskinporten.md §3)",
  });
export type ScopeEntry = z.infer<typeof ScopeEntry>;

/** The public half of an RSA key, inline. `kid` and `use` come from the entry when left out. */
/** A public RSA JWK written in a document (internal: the README documents `KeyEntry`). */
export const InlineJwk = z
  .looseObject({
    kty: z.literal("RSA"),
    use: z.literal("sig").optional(),
    alg: z.enum(KEY_WRITE_ALGS).optional(),
    kid: z.string().optional(),
    n: z.string(),
    e: z.string(),
    x5c: z.array(z.string()).optional(),
  })
  .meta({ description: "Public RSA JWK (never d, p, q, dp, dq, qi)" });

export const KeyEntry = z
  .strictObject({
    kid: Kid,
    jwk: InlineJwk.optional(),
    file: z.string().min(1).optional().meta({
      description:
        "Path of a public JWK (.json) or PEM public key/certificate, relative to the document; read by the CLI",
    }),
  })
  .superRefine((entry, ctx) => {
    if (entry.jwk && entry.file) {
      addCodedIssue(ctx, [], "config.document.jwk-and-file");
    }
    if (entry.jwk) {
      if (entry.jwk.kid !== undefined && entry.jwk.kid !== entry.kid) {
        addCodedIssue(ctx, ["jwk", "kid"], "config.document.kid-differs", {
          jwkKid: entry.jwk.kid,
          kid: entry.kid,
        });
      }
      // The contracts' rules: no private members, RSA ≥ 2048 bits, base64url.
      const checked = Jwk.safeParse({ use: "sig", ...entry.jwk, kid: entry.kid });
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          // The contracts' own code (validation.*, a JWK rule) travels with the words.
          const text = codedIssue(issue);
          ctx.addIssue({
            code: "custom",
            path: ["jwk", ...issue.path],
            message: issue.message,
            ...(text.code ? { params: { code: text.code, params: text.params } } : {}),
          });
        }
      }
    }
  })
  .meta({
    id: "KeyEntry",
    description:
      "A public key of the client by kid: inline (jwk), from a file (file), or only the kid of a key already registered",
  });
export type KeyEntry = z.infer<typeof KeyEntry>;

/**
 * A Maskinporten client of the organisation. Matched to the live client by `client_id` when
 * given, else by `name` (names must then be unique among the organisation's clients).
 */
export const ClientEntry = z
  .strictObject({
    name: z.string().trim().min(1, "A client needs a name").max(200),
    client_id: z.string().min(1).optional(),
    description: z.string().trim().min(1, "A client needs a description").max(1000),
    client_orgno: DocumentOrgNumber.optional().meta({
      description: "Only for clients registered on behalf of another organisation (supplier)",
    }),
    scopes: list(z.array(ScopeName)),
    access_token_lifetime: z.number().int().min(0).max(86_400).optional(),
    keys: list(z.array(KeyEntry).max(MAX_KEYS_PER_CLIENT)),
  })
  .meta({ id: "ClientEntry", description: "A Maskinporten client (docs/maskinporten.md §5, §6)" });
export type ClientEntry = z.infer<typeof ClientEntry>;

/**
 * Adds a refinement issue whose text is a code of `configMessages` (docs/i18n.md): the English
 * rendering is zod's `message` (the CLI's words), the code and its parameters ride in `params`,
 * where `codedIssue` finds them, so the console shows the issue in nb, nn or en.
 */
function addCodedIssue(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  code: ConfigCode,
  params?: MessageParams,
): void {
  const text = coded(configMessages, code, params);
  ctx.addIssue({
    code: "custom",
    path,
    message: text.detail,
    params: { code: text.code, ...(text.params ? { params: text.params } : {}) },
  });
}

/** A Portvakt configuration document: one environment's scopes, grants and clients. */
export const ConfigDocument = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(DOCUMENT_VERSION, {
      error: `version must be ${DOCUMENT_VERSION} (the only document version so far)`,
    }),
    environment: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "The environment the document is for; apply refuses any other" }),
    scopes: list(z.array(ScopeEntry)),
    clients: list(z.array(ClientEntry)),
  })
  .superRefine((document, ctx) => {
    const duplicate = addCodedIssue.bind(undefined, ctx);
    const scopeNames = new Map<string, number>();
    (document.scopes ?? []).forEach((scope, i) => {
      const first = scopeNames.get(scope.name);
      if (first !== undefined)
        duplicate(["scopes", i, "name"], "config.document.scope-twice", {
          name: scope.name,
          first: `scopes[${first}]`,
        });
      else scopeNames.set(scope.name, i);
      const seen = new Set<string>();
      (scope.consumers ?? []).forEach((orgno, j) => {
        if (seen.has(orgno))
          duplicate(["scopes", i, "consumers", j], "config.document.listed-twice", {
            value: orgno,
          });
        seen.add(orgno);
      });
    });
    const clientNames = new Map<string, number>();
    const clientIds = new Map<string, number>();
    const kids = new Map<string, string>();
    (document.clients ?? []).forEach((client, i) => {
      const first = clientNames.get(client.name);
      if (first !== undefined)
        duplicate(["clients", i, "name"], "config.document.client-twice", {
          name: client.name,
          first: `clients[${first}]`,
        });
      else clientNames.set(client.name, i);
      if (client.client_id !== undefined) {
        const firstId = clientIds.get(client.client_id);
        if (firstId !== undefined)
          duplicate(["clients", i, "client_id"], "config.document.client-id-twice", {
            clientId: client.client_id,
            first: `clients[${firstId}]`,
          });
        else clientIds.set(client.client_id, i);
      }
      const scopes = new Set<string>();
      (client.scopes ?? []).forEach((scope, j) => {
        if (scopes.has(scope))
          duplicate(["clients", i, "scopes", j], "config.document.listed-twice", { value: scope });
        scopes.add(scope);
      });
      // Maskinporten keeps kids unique across all clients (docs/maskinporten.md §6), so the document must too.
      (client.keys ?? []).forEach((key, j) => {
        const owner = kids.get(key.kid);
        if (owner !== undefined)
          duplicate(["clients", i, "keys", j, "kid"], "config.document.kid-twice", {
            kid: key.kid,
            name: owner,
          });
        else kids.set(key.kid, client.name);
      });
    });
  })
  .meta({
    id: "PortvaktConfig",
    title: "Portvakt configuration document",
    description:
      "One Maskinporten environment's owned scopes, their consumers, and the organisation's Maskinporten clients with their public keys",
  });
export type ConfigDocument = z.infer<typeof ConfigDocument>;

export type DocumentFormat = "yaml" | "json";

/** `scopes[2].consumers[0]`: the notation a reader finds the entry by in YAML and JSON alike. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** The JSON Schema of the document (draft 2020-12), for editors and `/api/schema/portvakt-config.json`. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ConfigDocument, { io: "input", unrepresentable: "any" }) as {
    $ref?: string;
    $defs?: Record<string, Record<string, unknown>>;
  } & Record<string, unknown>;
  // zod answers a bare $ref to the document's named definition; some editors want the
  // document's properties at the root, so the root definition is moved up.
  const { $ref, $defs = {}, ...rest } = schema;
  const rootName = $ref?.replace("#/$defs/", "");
  if (!rootName || !$defs[rootName]) return schema;
  const { [rootName]: root, ...others } = $defs;
  return { ...rest, ...root, $defs: others };
}

/**
 * Reads a document's text (YAML, or JSON, which YAML also reads) and checks it. A leading
 * byte-order mark (Windows editors and PowerShell 5 write one) is not part of the document.
 * @throws DocumentError naming each problem with its path and code.
 */
export function parseDocument(saved: string, format?: DocumentFormat): ConfigDocument {
  const text = saved.replace(/^\uFEFF/, "");
  let raw: unknown;
  const asJson = format === "json" || (format === undefined && /^\s*\{/.test(text));
  try {
    // Merge keys (`<<: *defaults`) are YAML 1.1, not 1.2, but common in configuration files
    // that share settings between entries; the `yaml` library reads them when asked.
    raw = asJson
      ? JSON.parse(text)
      : parseYaml(text, { uniqueKeys: true, prettyErrors: true, merge: true });
  } catch (error) {
    const message =
      error instanceof YAMLParseError || error instanceof SyntaxError
        ? error.message
        : String(error);
    throw new DocumentError(
      [
        {
          path: "",
          message: `Not readable as ${asJson ? "JSON" : "YAML"}: ${message}`,
          code: "problem.config.unreadable",
          params: { format: asJson ? "JSON" : "YAML" },
        },
      ],
      `The document is not readable as ${asJson ? "JSON" : "YAML"}: ${message}`,
    );
  }
  if (raw === null || raw === undefined) {
    throw new DocumentError([
      { path: "", message: "The document is empty", code: "problem.config.empty" },
    ]);
  }
  // "\ud800" is valid JSON and YAML but no text: it has no UTF-8 form to send to Digdir.
  const malformed = firstMalformedString(raw);
  if (malformed !== undefined) {
    throw new DocumentError([
      {
        path: formatPath(malformed.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p))),
        message: "Not well-formed Unicode text (a lone surrogate)",
        code: "problem.field.malformed-unicode",
      },
    ]);
  }
  const parsed = ConfigDocument.safeParse(raw);
  if (!parsed.success) {
    throw new DocumentError(
      parsed.error.issues.map((issue) => {
        const text = codedIssue(issue);
        return {
          path: formatPath(issue.path),
          message: issue.message,
          ...(text.code ? { code: text.code } : {}),
          ...(text.params ? { params: text.params } : {}),
        };
      }),
    );
  }
  return parsed.data;
}
