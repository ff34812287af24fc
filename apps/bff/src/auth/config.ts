import { z } from "zod";
import { ROLES } from "./roles";

const RoleGroups = z.partialRecord(z.enum(ROLES), z.array(z.string().min(1)));

/** Sign-in with the organisation's OpenID Connect provider (Entra ID, Keycloak, Ansattporten, ...). */
export const AuthConfig = z
  .object({
    issuer: z.url(),
    clientId: z.string().min(1),
    /** Where the client secret is; without one Portvakt is a public client (PKCE only). */
    clientSecretEnv: z.string().optional(),
    clientSecretFile: z.string().optional(),
    scope: z.string().default("openid profile"),
    /** The ID token claim whose values map to roles, e.g. "groups" or "roles". */
    roleClaim: z.string().default("groups"),
    /** Claim values per role, per environment id ("*" for the rest). */
    roles: z.record(z.string(), RoleGroups),
    /** Where the secret that seals session cookies is (at least 32 characters). */
    sessionSecretEnv: z.string().optional(),
    sessionSecretFile: z.string().optional(),
    idleTimeoutMinutes: z.number().positive().default(30),
    absoluteTimeoutHours: z.number().positive().default(8),
    /**
     * How often a session's roles are checked again with the provider (refresh token grant; or
     * a new sign-in when the provider gave none), so a removal from a group takes effect within
     * this many minutes. At most 5.
     */
    roleRecheckMinutes: z.number().positive().max(5).default(5),
    signInPerMinute: z.number().int().positive().default(30),
    mutationsPerMinute: z.number().int().positive().default(120),
    allowInsecureHttp: z.boolean().default(false),
  })
  .strict()
  .refine((a) => a.sessionSecretEnv || a.sessionSecretFile, {
    message:
      "auth needs sessionSecretEnv or sessionSecretFile (the secret that seals session cookies)",
    path: ["sessionSecretEnv"],
  })
  .refine((a) => a.issuer.startsWith("https://") || a.allowInsecureHttp, {
    message: "auth.issuer must be https (allowInsecureHttp only for the demo and tests)",
    path: ["issuer"],
  });
export type AuthConfig = z.output<typeof AuthConfig>;
