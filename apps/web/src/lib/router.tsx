import { type AnyRouter, useRouterState } from "@tanstack/react-router";
import type { AnchorHTMLAttributes, MouseEvent } from "react";

/**
 * Helpers for links inside a page that do not name the environment: `to` is a path as the page
 * knows it (`/access?scope=…`, `/clients/:id`), and the environment of the current URL
 * (`/{env}/…`, issue 14 item 10) is put in front. Routing itself is TanStack Router
 * (apps/web/src/app/routes.tsx); prefer its typed `Link` (`to="/$env/scopes"`) in new code.
 */

/** Fired after every in-app navigation (the toasts drop old errors on it). */
export const NAVIGATE_EVENT = "portvakt:navigate";

let appRouter: AnyRouter | null = null;

/** Called once by `createAppRouter`: the router `navigate` and `Link` act on. */
export function bindRouter(router: AnyRouter): () => void {
  appRouter = router;
  return router.subscribe("onResolved", () => window.dispatchEvent(new Event(NAVIGATE_EVENT)));
}

/** `/{env}/rest` → `{ env, rest }`; `rest` starts with `/` ("/" for the environment itself). */
export function splitEnv(pathname: string): { env: string | undefined; rest: string } {
  const [, env, ...rest] = pathname.split("/");
  return { env: env || undefined, rest: `/${rest.join("/")}` };
}

/** `to` (a path without environment, with or without `?search`) in the current URL's environment. */
export function withEnv(to: string, pathname = window.location.pathname): string {
  const { env } = splitEnv(pathname);
  return env ? `/${env}${to === "/" ? "" : to}` : to;
}

export type Location = { pathname: string; search: URLSearchParams; href: string };

/** The current location without the environment: `pathname` `/clients/x`, not `/test/clients/x`. */
export function useLocation(): Location {
  const { pathname, searchStr } = useRouterState({
    select: (s) => ({ pathname: s.location.pathname, searchStr: s.location.searchStr }),
    structuralSharing: true,
  });
  const rest = splitEnv(pathname).rest;
  return { pathname: rest, search: new URLSearchParams(searchStr), href: rest + searchStr };
}

/**
 * Goes to `to` (without environment) in the current environment. `replace` replaces the history
 * entry and keeps the scroll position (a wizard step, a filter in the URL).
 */
export function navigate(to: string, options: { replace?: boolean } = {}) {
  const full = withEnv(to);
  if (!appRouter) throw new Error("navigate before the router exists");
  const { pathname, searchStr } = appRouter.state.location;
  if (full === pathname + searchStr) return;
  void appRouter.navigate({
    href: full,
    replace: options.replace,
    resetScroll: !options.replace,
  });
}

/** Builds `path?key=value` with proper encoding (scope names contain `/` and `:`). */
export function href(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; replace?: boolean };

/** An in-app link to `to` (without environment) in the current environment. */
export function Link({ to, replace, onClick, ...rest }: LinkProps) {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const full = withEnv(to, pathname);
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      rest.target
    ) {
      return;
    }
    event.preventDefault();
    navigate(to, { replace });
  };
  return <a href={full} onClick={handleClick} {...rest} />;
}
