import type { AnyRouter } from "@tanstack/react-router";

/**
 * What is left outside TanStack Router (apps/web/src/app/routes.tsx; issue 14 item 10). Links and
 * navigation use the router's typed API (`<Link to="/$env/clients/$clientId" params={…}>`,
 * `useNavigate`, the route's zod-validated `useSearch`), so a link to a route that does not exist,
 * or without its parameters, is a type error.
 */

/**
 * Fired on `window` after every resolved navigation. The toasts drop old errors on it: their
 * provider sits outside the router (components/ui/toast.tsx).
 */
export const NAVIGATE_EVENT = "portvakt:navigate";

/**
 * Makes `router` fire `NAVIGATE_EVENT` after each navigation; called once by `createAppRouter`.
 * Returns the unsubscribe function.
 */
export function announceNavigations(router: AnyRouter): () => void {
  return router.subscribe("onResolved", () => window.dispatchEvent(new Event(NAVIGATE_EVENT)));
}

/**
 * `/{env}/rest` → `{ env, rest }`; `rest` starts with `/` ("/" for the environment itself), `env`
 * is undefined for `/`.
 */
export function splitEnv(pathname: string): { env: string | undefined; rest: string } {
  const [, env, ...rest] = pathname.split("/");
  return { env: env || undefined, rest: `/${rest.join("/")}` };
}
