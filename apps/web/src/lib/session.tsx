import { type Role, roleAllows, SessionAnswer } from "@portvakt/contracts";
import { useQuery } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { bff, call, withSignal } from "./api-client";
import { useEnv } from "./env";
import { useI18n } from "./i18n";

// The roles and the session answer are the contracts' (one definition with the BFF).
export { ROLES, type Role, roleAllows } from "@portvakt/contracts";
export const SessionInfo = SessionAnswer;
export type SessionInfo = SessionAnswer;

export const sessionQueryOptions = {
  queryKey: ["session"] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call(bff.api.session.$get(undefined, withSignal(signal)), SessionInfo),
  staleTime: 5 * 60_000,
};

/** Who is signed in; the shell shows the name, the environment's role comes with `useRole`. */
export function useSession() {
  return useQuery(sessionQueryOptions);
}

/** The signed-in person's role in the active environment, or null: no access there. */
export function useRole(): Role | null {
  return useEnv().role ?? null;
}

export type RoleGate = {
  allowed: boolean;
  role: Role | null;
  needed: Role;
  /** Why the control is disabled, for its title and accessible description; empty when allowed. */
  reason: string;
};

/**
 * Whether the person's role in the active environment allows an action that needs `needed`.
 * The BFF refuses it regardless; this only keeps the UI from offering what would be refused.
 */
export function useRoleGate(needed: Role): RoleGate {
  const role = useRole();
  const { t } = useI18n();
  const allowed = roleAllows(role, needed);
  return {
    allowed,
    role,
    needed,
    reason: allowed ? "" : t("role.needs", { role: t(`role.name.${needed}`) }),
  };
}

/**
 * Signs out of Portvakt and, when the provider offers it, of the provider too (its logout page
 * brings the person back to `/`). Portvakt's own session ends even if the provider's does not.
 */
export async function signOut(): Promise<void> {
  let target = "/";
  try {
    const response = await fetch("/auth/logout", {
      method: "POST",
      headers: { "X-CSRF": "1", Accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok) {
      const body = (await response.json()) as { logoutUrl?: unknown };
      if (typeof body.logoutUrl === "string" && /^https?:\/\//.test(body.logoutUrl)) {
        target = body.logoutUrl;
      }
    }
  } catch {
    // The server is unreachable; leaving the page drops what the app held all the same.
  }
  window.location.assign(target);
}

/**
 * Whether a call answered 401 (the session ended or expired). The app then shows one calm "sign
 * in again" state instead of an error per query; nothing redirects on its own, so a session the
 * provider keeps refusing cannot turn into a redirect loop.
 */
export const SignInRequiredContext = createContext(false);

export function useSignInRequired(): boolean {
  return useContext(SignInRequiredContext);
}
