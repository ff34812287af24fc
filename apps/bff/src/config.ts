import { readFileSync } from "node:fs";
import { ALL_ADMIN_SCOPES, LANGS, OrgNumber } from "@portvakt/contracts";
import { z } from "zod";
import { AuthConfig } from "./auth/config";
import { POSTGRES_URL } from "./database";
import { TrustedProxies } from "./security/client-address";
import { TokenSourceConfig } from "./signing/token-source";

/** Digdir's published endpoints (docs/maskinporten.md §1); a configured environment may use one as a preset. */
export const DIGDIR_PRESETS = {
  test: {
    issuer: "https://test.maskinporten.no/",
    apiBaseUrl: "https://api.test.samarbeid.digdir.no",
  },
  prod: {
    issuer: "https://maskinporten.no/",
    apiBaseUrl: "https://api.samarbeid.digdir.no",
  },
} as const;

/** Where the SQLite audit store is kept unless configured: the image's volume. */
export const DEFAULT_AUDIT_DATABASE_PATH = "/var/lib/portvakt/portvakt.db";

const Path = z.string().min(1, "A file path is required");
/** http://127.0.0.1, [::1] or localhost: the only plain-http key service endpoints allowed (tests). */
function isLoopbackUrl(url: string): boolean {
  return /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?(\/|$)/.test(url);
}

const EnvVarName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "An environment variable name (letters, digits, _)");

// Secrets are never written in the configuration itself: only where to find them.
const CredentialConfig = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("pkcs12"),
      path: Path,
      passwordEnv: EnvVarName.optional(),
      passwordFile: Path.optional(),
    })
    .strict()
    .refine((c) => c.passwordEnv || c.passwordFile, {
      message: "A pkcs12 credential needs passwordEnv (a variable's name) or passwordFile",
    }),
  z.object({ type: z.literal("pem"), keyPath: Path, certPath: Path }).strict(),
  z.object({ type: z.literal("jwk"), path: Path, orgno: OrgNumber.optional() }).strict(),
  // The private key in AWS KMS (issue 18 #5): a business certificate's (certPath, the public
  // chain) or the admin client's own registered key (kid). See README, "The admin key in a key service".
  z
    .object({
      type: z.literal("awsKms"),
      keyId: z.string().min(1, "keyId: the KMS key id, ARN or alias/…"),
      region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "An AWS region, e.g. eu-north-1"),
      endpoint: z.url().optional(),
      certPath: Path.optional(),
      kid: z.string().min(1).optional(),
      orgno: OrgNumber.optional(),
    })
    .strict()
    .refine((c) => Boolean(c.certPath) !== Boolean(c.kid), {
      message:
        "An awsKms credential needs certPath (the business certificate's chain) or kid (own-key mode), not both",
    }),
  // The private key in an HSM or smart card through a PKCS#11 library (issue 18 #5), e.g. SoftHSM.
  z
    .object({
      type: z.literal("pkcs11"),
      library: Path,
      tokenLabel: z.string().min(1, "tokenLabel: the token's label"),
      keyLabel: z.string().min(1).optional(),
      keyId: z
        .string()
        .regex(/^([0-9a-fA-F]{2})+$/, "keyId: the key's CKA_ID in hex")
        .optional(),
      pinFile: Path,
      certPath: Path.optional(),
      kid: z.string().min(1).optional(),
      orgno: OrgNumber.optional(),
    })
    .strict()
    .refine((c) => Boolean(c.keyLabel || c.keyId), {
      message: "A pkcs11 credential needs keyLabel (CKA_LABEL) or keyId (CKA_ID)",
    })
    .refine((c) => Boolean(c.certPath) !== Boolean(c.kid), {
      message:
        "A pkcs11 credential needs certPath (the business certificate's chain) or kid (own-key mode), not both",
    }),
  // The private key in Azure Key Vault / Managed HSM (issue 18 #5), signed through its REST API.
  z
    .object({
      type: z.literal("azureKeyVault"),
      vaultUrl: z.url(),
      keyName: z.string().regex(/^[0-9A-Za-z-]{1,127}$/, "keyName: letters, digits and -"),
      keyVersion: z.string().regex(/^[0-9A-Za-z]{1,64}$/, "keyVersion: the key version's id"),
      tokenSource: TokenSourceConfig,
      certPath: Path.optional(),
      kid: z.string().min(1).optional(),
      orgno: OrgNumber.optional(),
    })
    .strict()
    .refine((c) => c.vaultUrl.startsWith("https://") || isLoopbackUrl(c.vaultUrl), {
      message: "vaultUrl must be https (http only on loopback, for tests)",
    })
    .refine((c) => Boolean(c.certPath) !== Boolean(c.kid), {
      message:
        "An azureKeyVault credential needs certPath (the business certificate's chain) or kid (own-key mode), not both",
    }),
  // The private key in Google Cloud KMS (issue 18 #5), signed through its REST API.
  z
    .object({
      type: z.literal("gcpKms"),
      keyVersionName: z
        .string()
        .regex(
          /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+\/cryptoKeyVersions\/[^/]+$/,
          "keyVersionName: projects/…/locations/…/keyRings/…/cryptoKeys/…/cryptoKeyVersions/…",
        ),
      endpoint: z.url().optional(),
      tokenSource: TokenSourceConfig,
      certPath: Path.optional(),
      kid: z.string().min(1).optional(),
      orgno: OrgNumber.optional(),
    })
    .strict()
    .refine((c) => !c.endpoint || c.endpoint.startsWith("https://") || isLoopbackUrl(c.endpoint), {
      message: "endpoint must be https (http only on loopback, for tests)",
    })
    .refine((c) => Boolean(c.certPath) !== Boolean(c.kid), {
      message:
        "A gcpKms credential needs certPath (the business certificate's chain) or kid (own-key mode), not both",
    }),
]);
export type CredentialConfig = z.infer<typeof CredentialConfig>;

const EnvironmentId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}$/, "An environment id is lowercase letters, digits and -");

const EnvironmentConfig = z
  .object({
    id: EnvironmentId,
    label: z.string().optional(),
    kind: z.enum(["demo", "test", "prod"]),
    preset: z.enum(["test", "prod"]).optional(),
    issuer: z.url().optional(),
    apiBaseUrl: z.url().optional(),
    clientId: z.string().min(1, "clientId: the admin client's id from Digdir"),
    adminScopes: z.array(z.enum(ALL_ADMIN_SCOPES as [string, ...string[]])).min(1),
    credential: CredentialConfig,
    /** Only the demo and tests may talk to a plain-http issuer. */
    allowInsecureHttp: z.boolean().default(false),
    /**
     * Four-eyes (issue 18 #2): every change in this environment becomes a change request that
     * another admin must approve before it is made. Default off; turn it on for prod.
     */
    fourEyes: z.boolean().default(false),
  })
  .strict()
  .transform((env, ctx) => {
    const preset = env.preset ? DIGDIR_PRESETS[env.preset] : undefined;
    const issuer = env.issuer ?? preset?.issuer;
    const apiBaseUrl = env.apiBaseUrl ?? preset?.apiBaseUrl;
    if (!issuer || !apiBaseUrl) {
      ctx.addIssue({
        code: "custom",
        message: 'Set "preset" (test or prod) or both "issuer" and "apiBaseUrl"',
      });
      return z.NEVER;
    }
    for (const [name, url] of [
      ["issuer", issuer],
      ["apiBaseUrl", apiBaseUrl],
    ] as const) {
      if (!url.startsWith("https://") && !env.allowInsecureHttp) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} must be https (set allowInsecureHttp only for the demo or tests)`,
        });
      }
    }
    if (!issuer.endsWith("/")) {
      ctx.addIssue({
        code: "custom",
        path: ["issuer"],
        message:
          'The issuer ends with "/" (e.g. https://test.maskinporten.no/): it is the aud of every grant',
      });
    }
    return {
      ...env,
      label: env.label ?? env.id,
      issuer,
      apiBaseUrl: apiBaseUrl.replace(/\/+$/, ""),
    };
  });
export type EnvironmentConfig = z.output<typeof EnvironmentConfig>;

export const PortvaktConfig = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(7401),
    host: z.string().default("127.0.0.1"),
    /** The folder of the built web app to serve; unset in development (Vite serves it). */
    webDist: z.string().optional(),
    /** The origin the browser uses, e.g. https://portvakt.example.no (checked on state changes). */
    publicOrigin: z.url().optional(),
    logLevel: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    bodyLimitBytes: z
      .number()
      .int()
      .positive()
      .default(256 * 1024),
    upstreamTimeoutMs: z.number().int().positive().default(15_000),
    /** How often (seconds) the credential files are read again to take a renewed one into use. */
    credentialCheckSeconds: z.number().int().positive().default(30),
    /**
     * What happens after a write's answer is lost (see README, "What happens when Digdir is slow
     * or down"); milliseconds. `windowMs`: re-reads before answering "outcome unknown" (default
     * the upstream timeout). `settleMs`: from the write, how long an unseen change may still land
     * (default 4 × the upstream timeout). `intervalMs`: background re-reads of unknown outcomes.
     * `orphanMs`: from a write, how long its instance may still be writing its audit entry before
     * another pass settles it from Digdir as `unknown` (`audit.outcome.unrecorded`).
     */
    outcome: z
      .object({
        windowMs: z.number().int().positive().optional(),
        settleMs: z.number().int().positive().optional(),
        intervalMs: z.number().int().positive().default(30_000),
        orphanMs: z.number().int().positive().default(30_000),
      })
      .strict()
      .default({ intervalMs: 30_000, orphanMs: 30_000 }),
    /** Prometheus text at /metrics; keep it off where /metrics would be reachable from outside. */
    metricsEnabled: z
      .union([
        z.boolean(),
        // As an environment variable: true/false in any case, or 1/0.
        z
          .string()
          .trim()
          .toLowerCase()
          .pipe(z.enum(["true", "false", "1", "0"], { error: "must be true or false" }))
          .transform((v) => v === "true" || v === "1"),
      ])
      .default(false),
    /** Where the bearer token /metrics asks for is (a file, or an environment variable's name). */
    metricsTokenFile: Path.optional(),
    metricsTokenEnv: EnvVarName.optional(),
    /** PostgreSQL (postgres://...) for the audit log and sign-outs; SQLite at auditDatabasePath otherwise. */
    databaseUrl: z
      .string()
      .refine((url) => POSTGRES_URL.test(url), {
        // Never the value itself: it usually holds the database password.
        error:
          "must be a PostgreSQL URL, postgres://user:password@host:5432/database (the value is not shown). Anything else used to fall back to SQLite silently: each instance its own store",
      })
      .optional(),
    /**
     * The SQLite file of the audit store when databaseUrl is not set. The default is on the
     * container image's volume, the one place a read-only root lets the process write.
     */
    auditDatabasePath: z.string().default(DEFAULT_AUDIT_DATABASE_PATH),
    /**
     * The audit log's retention and streaming (issue 18 #6): entries older than `retentionDays`
     * are pruned every `pruneIntervalMinutes` (the chain stays verifiable from its anchor); none:
     * kept forever. `stream`: each entry as a JSON line on stdout and/or POSTed to a webhook (a
     * SIEM), with a bearer token from the variable `webhookTokenEnv`.
     */
    /**
     * Alerts (issue 18 #1), checked every `checkIntervalMinutes`: client keys' `exp`, admin
     * certificates' `notAfter` and, in own-key mode, the admin client's own key's `exp` (a notice
     * per key at each of `thresholdsDays`); access to other organisations' scopes revoked or the
     * scope deactivated (`consumerAccess`, default on); and `drift`: each environment's committed
     * configuration document (`path`) planned against Digdir, a notice per distinct drift. By
     * webhook (`json`, `slack`, `teams`) and e-mail (SMTP URL from the variable `smtpUrlEnv`).
     */
    alerts: z
      .object({
        thresholdsDays: z.array(z.number().int().min(0).max(365)).min(1).default([30, 14, 7, 1]),
        checkIntervalMinutes: z.number().int().min(1).default(360),
        /**
         * The notices' language (nb, nn or en) where a channel names none of its own; the
         * environment variable PORTVAKT_ALERT_LANGUAGE takes precedence. See README, Alerts.
         */
        language: z.enum(LANGS).default("en"),
        webhooks: z
          .array(
            z
              .object({
                url: z.url(),
                format: z.enum(["json", "slack", "teams"]).default("json"),
                language: z.enum(LANGS).optional(),
              })
              .strict(),
          )
          .default([]),
        email: z
          .object({
            smtpUrlEnv: EnvVarName,
            from: z.string().min(3),
            to: z.array(z.string().min(3)).min(1),
            language: z.enum(LANGS).optional(),
          })
          .strict()
          .optional(),
        consumerAccess: z.boolean().default(true),
        drift: z.array(z.object({ env: EnvironmentId, path: Path }).strict()).default([]),
      })
      .strict()
      .default({
        thresholdsDays: [30, 14, 7, 1],
        checkIntervalMinutes: 360,
        language: "en",
        webhooks: [],
        consumerAccess: true,
        drift: [],
      }),
    /**
     * Own-key mode (a `jwk` credential file): Portvakt rotates the admin client's own key when its
     * `exp` is within `beforeDays` (checked with the alerts). See README, "Own-key rotation".
     */
    adminKeyRotation: z
      .object({
        enabled: z.boolean().default(false),
        beforeDays: z.number().int().min(1).max(300).default(30),
      })
      .strict()
      .default({ enabled: false, beforeDays: 30 }),
    auditLog: z
      .object({
        retentionDays: z.number().int().min(1).optional(),
        pruneIntervalMinutes: z.number().int().min(1).default(60),
        stream: z
          .object({
            stdout: z.boolean().default(false),
            webhookUrl: z.url().optional(),
            webhookTokenEnv: EnvVarName.optional(),
          })
          .strict()
          .default({ stdout: false }),
      })
      .strict()
      .default({ pruneIntervalMinutes: 60, stream: { stdout: false } }),
    /**
     * Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed when the sign-in rate
     * limit finds the client's address; none: the socket's address (env TRUSTED_PROXIES, commas).
     */
    trustedProxies: z
      .union([
        z.array(z.string()),
        z.string().transform((v) =>
          v
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ])
      .default([])
      .superRefine((entries, ctx) => {
        try {
          new TrustedProxies(entries);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    /**
     * Four-eyes change requests (issue 18 #2): a request not approved, rejected or withdrawn
     * within `expiryDays` expires (it can no longer be approved).
     */
    changeRequests: z
      .object({ expiryDays: z.number().min(0.001).max(365).default(7) })
      .strict()
      .default({ expiryDays: 7 }),
    /**
     * Organisations' state (deleted, bankrupt, being wound up) from Brønnøysund's open
     * Enhetsregisteret API before granting (issue 14 #16). No `baseUrl`: switched off (closed
     * networks), names come from Digdir only. `ttlSeconds`: how long an answer is cached (seconds,
     * 0: not cached); `maxEntries`: how many are kept (least recently used evicted);
     * `timeoutMs`: one look-up's limit. See README, Configuration, for the public base URL.
     */
    enhetsregisteret: z
      .object({
        baseUrl: z.url().optional(),
        ttlSeconds: z
          .number()
          .int()
          .min(0)
          .max(7 * 24 * 3600)
          .default(3600),
        maxEntries: z.number().int().min(1).max(1_000_000).default(5000),
        timeoutMs: z.number().int().positive().default(5000),
      })
      .strict()
      .default({ ttlSeconds: 3600, maxEntries: 5000, timeoutMs: 5000 }),
    auth: AuthConfig,
    environments: z.array(EnvironmentConfig).min(1, "Configure at least one environment"),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.environments.forEach((env, i) => {
      if (seen.has(env.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["environments", i, "id"],
          message: `Environment "${env.id}" appears twice`,
        });
      }
      seen.add(env.id);
    });
    config.alerts.drift.forEach((source, i) => {
      if (!seen.has(source.env)) {
        ctx.addIssue({
          code: "custom",
          path: ["alerts", "drift", i, "env"],
          message: `No environment "${source.env}" is configured`,
        });
      }
    });
  });
export type PortvaktConfig = z.output<typeof PortvaktConfig>;
export type PortvaktConfigInput = z.input<typeof PortvaktConfig>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Formats zod issues as one line each, `path: message`, for a start-up failure people can act on;
 * a setting that came from an environment variable (`fromEnv`: top-level field → variable name)
 * names the variable, `port (environment variable PORT): ...`, not only the file.
 */
function describeIssues(error: z.ZodError, fromEnv: Record<string, string> = {}): string {
  return error.issues
    .map((issue) => {
      const root = issue.path[0];
      const variable = typeof root === "string" ? fromEnv[root] : undefined;
      const path = issue.path.length
        ? `${issue.path.join(".")}${variable ? ` (environment variable ${variable})` : ""}: `
        : "";
      return `  - ${path}${issue.message}`;
    })
    .join("\n");
}

/**
 * Checks a configuration object. `fromEnv` names the environment variable each overridden
 * top-level field came from, for the error. @throws ConfigError listing every problem.
 */
export function parseConfig(
  input: unknown,
  source = "configuration",
  fromEnv: Record<string, string> = {},
): PortvaktConfig {
  const result = PortvaktConfig.safeParse(input);
  if (!result.success) {
    throw new ConfigError(`Invalid ${source}:\n${describeIssues(result.error, fromEnv)}`);
  }
  return result.data;
}

/**
 * Reads the configuration: a JSON file named by PORTVAKT_CONFIG, with PORT, HOST, WEB_DIST,
 * PUBLIC_ORIGIN, LOG_LEVEL, DATABASE_URL, METRICS_ENABLED, TRUSTED_PROXIES and PORTVAKT_ALERT_LANGUAGE
 * (`alerts.language`) from the environment taking precedence.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): PortvaktConfig {
  const file = env.PORTVAKT_CONFIG;
  if (!file) {
    throw new ConfigError(
      "PORTVAKT_CONFIG is not set: point it at a JSON configuration file (see README, Configuration)",
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError(
      `Invalid ${file}: the configuration must be a JSON object ({ "auth": ..., "environments": [...] }), not ${raw === null ? "null" : Array.isArray(raw) ? "an array" : typeof raw}`,
    );
  }
  const variables: Record<string, string> = {
    port: "PORT",
    host: "HOST",
    webDist: "WEB_DIST",
    publicOrigin: "PUBLIC_ORIGIN",
    logLevel: "LOG_LEVEL",
    databaseUrl: "DATABASE_URL",
    metricsEnabled: "METRICS_ENABLED",
    trustedProxies: "TRUSTED_PROXIES",
  };
  const overrides: Record<string, unknown> = {};
  const fromEnv: Record<string, string> = {};
  for (const [field, variable] of Object.entries(variables)) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    overrides[field] = value;
    fromEnv[field] = variable;
  }
  // PORTVAKT_ALERT_LANGUAGE: the notices' language (alerts.language), over the file's.
  const alertLanguage = env.PORTVAKT_ALERT_LANGUAGE;
  if (alertLanguage) {
    const alerts = (raw as { alerts?: object }).alerts ?? {};
    overrides.alerts = { ...alerts, language: alertLanguage };
    fromEnv.alerts = "PORTVAKT_ALERT_LANGUAGE";
  }
  return parseConfig({ ...raw, ...overrides }, file, fromEnv);
}
