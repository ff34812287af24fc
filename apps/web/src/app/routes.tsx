import { OrgNumber } from "@portvakt/contracts";
import { useQuery } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  type ErrorComponentProps,
  Link,
  Outlet,
  redirect,
  SearchParamError,
  useMatches,
  useNavigate,
  useRouterState,
} from "@tanstack/react-router";
import { type ReactNode, useCallback, useEffect, useMemo } from "react";
import { z } from "zod";
import { Button } from "../components/ui/button";
import { ErrorAlert } from "../components/ui/problem";
import { Loading } from "../components/ui/status";
import {
  defaultEnv,
  EnvContext,
  type EnvContextValue,
  type Environment,
  envsQueryOptions,
  rememberEnvId,
} from "../lib/env";
import { useI18n } from "../lib/i18n";
import type { MessageKey } from "../lib/messages";
import { announceNavigations, splitEnv } from "../lib/router";
import { RoleGate } from "./access-gates";
import { Layout } from "./layout";
import * as Pages from "./pages";

/**
 * The console's routes (TanStack Router, code-based; issue 14 item 10). Every page lives under
 * its environment, `/{env}/scopes`, `/{env}/access?scope=…`, `/{env}/clients/:clientId`, so a
 * link names the environment it was made in. An address without one (`/scopes`, old bookmarks)
 * is sent to the remembered or first environment's page with the same path and search. Search
 * parameters are validated with zod; a link with one Portvakt cannot use says so (RouteError).
 */

/** The route context: the configured environments (`GET /api/envs`), loaded before the router. */
export type RouterContext = { envs: Environment[] };

declare module "@tanstack/react-router" {
  interface StaticDataRouteOption {
    /** The catalogue key of the page's name in the tab title ("Scopes · test · Portvakt"). */
    title?: MessageKey;
  }
}

/**
 * The first path segment of every page. An address starting with one of these is an address
 * from before the environment was in the URL: it is redirected, not shown as an unknown env.
 */
export const PAGE_SEGMENTS: ReadonlySet<string> = new Set([
  "scopes",
  "access",
  "consumer",
  "requests",
  "clients",
  "catalogue",
  "keys",
  "token-test",
  "diagnose",
  "supplier",
  "altinn",
  "config",
  "promotion",
  "audit",
  "tokens",
  "change-requests",
]);

const NonEmpty = z.string().min(1);

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  beforeLoad: ({ context }) => {
    throw redirect({
      to: "/$env/scopes",
      params: { env: defaultEnv(context.envs).id },
      replace: true,
    });
  },
});

const envRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "$env",
  beforeLoad: ({ context, params, location }) => {
    if (context.envs.some((e) => e.id === params.env)) return;
    // `/scopes`, `/access?scope=…`, `/clients/:id`: an address from before the env was in it.
    if (PAGE_SEGMENTS.has(params.env)) {
      throw redirect({ href: `/${defaultEnv(context.envs).id}${location.href}`, replace: true });
    }
  },
  component: EnvLayout,
});

const envIndexRoute = createRoute({
  getParentRoute: () => envRoute,
  path: "/",
  beforeLoad: ({ params }) => {
    throw redirect({ to: "/$env/scopes", params: { env: params.env }, replace: true });
  },
});

/** A page without search parameters; `title` names it in the tab. */
const page = <const P extends string>(path: P, title: MessageKey, component: () => ReactNode) =>
  createRoute({
    getParentRoute: () => envRoute,
    path,
    staticData: { title },
    component,
  });

const scopesRoute = page("scopes", "scopes.title", () => <Pages.ScopesPage />);
const scopeNewRoute = page("scopes/new", "scopes.newTitle", () => (
  <Pages.ScopeFormPage mode="create" />
));
const scopeEditRoute = createRoute({
  getParentRoute: () => envRoute,
  path: "scopes/edit",
  staticData: { title: "scopes.editTitle" },
  validateSearch: z.object({ scope: NonEmpty.optional() }),
  beforeLoad: ({ search, params }) => {
    if (!search.scope) throw redirect({ to: "/$env/scopes", params, replace: true });
  },
  component: function ScopeEdit() {
    const { scope } = scopeEditRoute.useSearch();
    return <Pages.ScopeFormPage mode="edit" scopeName={scope ?? ""} />;
  },
});
const accessRoute = createRoute({
  getParentRoute: () => envRoute,
  path: "access",
  staticData: { title: "access.title" },
  validateSearch: z.object({ scope: NonEmpty.optional() }),
  component: function Access() {
    const { scope } = accessRoute.useSearch();
    return <Pages.AccessPage scopeName={scope} />;
  },
});
const consumerRoute = createRoute({
  getParentRoute: () => envRoute,
  path: "consumer",
  staticData: { title: "consumer.title" },
  // docs/maskinporten.md §4: 9 digits with a mod-11 check digit.
  validateSearch: z.object({ orgno: OrgNumber.optional() }),
  component: function Consumer() {
    const { orgno } = consumerRoute.useSearch();
    return <Pages.ConsumerPage orgno={orgno} />;
  },
});
const requestsRoute = page("requests", "requests.title", () => <Pages.RequestsPage />);
const clientsRoute = page("clients", "clients.title", () => <Pages.ClientsRoute />);
const clientNewRoute = page("clients/new", "clients.newTitle", () => (
  <Pages.ClientFormPage mode="create" />
));
const clientRoute = createRoute({
  getParentRoute: () => envRoute,
  path: "clients/$clientId",
  staticData: { title: "clients.title" },
  // The rotation wizard's steps live in the URL (keys-panel.tsx, rotation-wizard.tsx).
  validateSearch: z.object({
    rotate: z.literal("1").optional(),
    oldKid: NonEmpty.optional(),
    newKid: NonEmpty.optional(),
    deployed: z.literal("1").optional(),
  }),
  component: function Client() {
    const { clientId } = clientRoute.useParams();
    return <Pages.ClientRoute clientId={clientId} />;
  },
});
const clientEditRoute = createRoute({
  getParentRoute: () => envRoute,
  path: "clients/$clientId/edit",
  staticData: { title: "clients.title" },
  component: function ClientEdit() {
    const { clientId } = clientEditRoute.useParams();
    return <Pages.ClientFormPage mode="edit" clientId={clientId} />;
  },
});
const catalogueRoute = page("catalogue", "catalogue.title", () => <Pages.CataloguePage />);
const keysRoute = page("keys", "keysOverview.title", () => <Pages.KeysOverviewPage />);
const tokenTestRoute = createRoute({
  getParentRoute: () => envRoute,
  path: "token-test",
  staticData: { title: "tokenTest.title" },
  // `rotation=1` (with `oldKid`, `deployed`): opened from the rotation wizard of `client` for the
  // new key `kid`; the answer links back to the wizard's place (rotation-wizard.tsx).
  validateSearch: z.object({
    client: NonEmpty.optional(),
    kid: NonEmpty.optional(),
    rotation: z.literal("1").optional(),
    oldKid: NonEmpty.optional(),
    deployed: z.literal("1").optional(),
  }),
  component: () => <Pages.TokenTestPage />,
});
const diagnoseRoute = page("diagnose", "diagnose.title", () => <Pages.DiagnosePage />);
const supplierRoute = page("supplier", "supplier.title", () => <Pages.SupplierPage />);
const altinnRoute = page("altinn", "altinn.title", () => <Pages.AltinnPage />);
const configRoute = page("config", "config.title", () => <Pages.ConfigPage />);
const promotionRoute = page("promotion", "promotion.title", () => <Pages.PromotionPage />);
const auditRoute = page("audit", "audit.title", () => <Pages.AuditPage />);
const tokensRoute = page("tokens", "tokens.title", () => <Pages.TokensPage />);
const changeRequestsRoute = createRoute({
  getParentRoute: () => envRoute,
  path: "change-requests",
  staticData: { title: "changeRequests.title" },
  validateSearch: z.object({ id: NonEmpty.optional() }),
  component: () => <Pages.ChangeRequestsPage />,
});
const envNotFoundRoute = createRoute({
  getParentRoute: () => envRoute,
  path: "$",
  staticData: { title: "notFound.title" },
  component: NotFound,
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  envRoute.addChildren([
    envIndexRoute,
    scopesRoute,
    scopeNewRoute,
    scopeEditRoute,
    accessRoute,
    consumerRoute,
    requestsRoute,
    clientsRoute,
    clientNewRoute,
    clientRoute,
    clientEditRoute,
    catalogueRoute,
    keysRoute,
    tokenTestRoute,
    diagnoseRoute,
    supplierRoute,
    altinnRoute,
    configRoute,
    promotionRoute,
    auditRoute,
    tokensRoute,
    changeRequestsRoute,
    envNotFoundRoute,
  ]),
]);

/**
 * Search values are plain strings (`?orgno=123` stays "123", not the number 123 as with the
 * router's JSON default); an empty value (`?scope=`) is no value.
 */
function parseSearch(search: string): Record<string, string> {
  return Object.fromEntries([...new URLSearchParams(search)].filter(([, value]) => value !== ""));
}

function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The console's router over the real browser history; `envs` as in `RouterContext`. */
export function createAppRouter(envs: Environment[]) {
  const router = createRouter({
    routeTree,
    context: { envs },
    parseSearch,
    stringifySearch,
    defaultErrorComponent: RouteError,
    defaultNotFoundComponent: NotFound,
    defaultPendingComponent: PageLoading,
    defaultPendingMs: 300,
  });
  announceNavigations(router);
  return router;
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module "@tanstack/react-router" {
  interface Register {
    router: AppRouter;
  }
}

/** The shell of one environment: the URL's `$env` is the active environment. */
function EnvLayout() {
  const { env: envId } = envRoute.useParams();
  const { envs: loaded } = envRoute.useRouteContext();
  // The live list (a role granted meanwhile); the router's context is the list at start.
  const envs = useQuery(envsQueryOptions).data ?? loaded;
  const env = envs.find((e) => e.id === envId);
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });

  useEffect(() => {
    if (env) rememberEnvId(env.id);
  }, [env]);

  const setEnvId = useCallback(
    (id: string) => {
      // The same page in the other environment; ids and search belong to the old one.
      const section = splitEnv(pathname).rest.split("/")[1];
      const to = section && PAGE_SEGMENTS.has(section) ? section : "scopes";
      void navigate({ href: `/${id}/${to}` });
    },
    [navigate, pathname],
  );
  const value = useMemo<EnvContextValue | null>(
    () => (env ? { envs, env, setEnvId } : null),
    [envs, env, setEnvId],
  );
  if (!value) return <UnknownEnv id={envId} envs={envs} />;
  return (
    <EnvContext.Provider value={value}>
      <PageTitle env={value.env} />
      <Layout>
        <RoleGate>
          <Outlet />
        </RoleGate>
      </Layout>
    </EnvContext.Provider>
  );
}

/** `<title>`: "Scopes · test · Portvakt", in the page's language (issue 14, defect 8). */
function PageTitle({ env }: { env: Environment }) {
  const { t } = useI18n();
  const key = useMatches({
    select: (matches) => matches.findLast((m) => m.staticData?.title)?.staticData.title,
  });
  const title = [key ? t(key) : undefined, env.label, "Portvakt"].filter(Boolean).join(" · ");
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}

/** An address whose first segment is neither an environment nor a page. */
function UnknownEnv({ id, envs }: { id: string; envs: readonly Environment[] }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t("router.unknownEnvTitle")} · Portvakt`;
  }, [t]);
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-3 p-6" data-testid="unknown-env">
      <h1 className="text-2xl font-semibold">{t("router.unknownEnvTitle")}</h1>
      <p>{t("router.unknownEnvBody", { env: id })}</p>
      <ul className="flex flex-col gap-1">
        {envs.map((env) => (
          <li key={env.id}>
            <Link
              to="/$env/scopes"
              params={{ env: env.id }}
              className="text-blue-700 underline dark:text-sky-400"
            >
              {env.label}
            </Link>{" "}
            <span className="font-mono text-sm text-slate-600 dark:text-slate-400">/{env.id}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}

function NotFound() {
  const { t } = useI18n();
  const env = useRouterState({ select: (s) => splitEnv(s.location.pathname).env });
  return (
    <div className="flex flex-col gap-3" data-testid="not-found">
      <h1 className="text-2xl font-semibold">{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <p>
        <Link
          to="/$env/scopes"
          params={{ env: env ?? "" }}
          className="text-blue-700 underline dark:text-sky-400"
        >
          {t("nav.scopes")}
        </Link>
      </p>
    </div>
  );
}

function PageLoading() {
  const { t } = useI18n();
  return <Loading label={t("common.loading")} />;
}

/** Chromium, Firefox and Safari word a failed dynamic import differently. */
const MISSING_CHUNK = /dynamically imported module|module script|Importing a module script failed/i;

/**
 * What a page that failed shows: "new version, reload" when its chunk is gone after a redeploy
 * (the BFF answers 404 for a missing `/assets/*.js`; issue 14, defect 8), the parameters of a link
 * that Portvakt cannot use (zod-validated search), or the error.
 */
function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useI18n();
  if (error instanceof SearchParamError) return <BadLink error={error} />;
  const message = error instanceof Error ? error.message : String(error);
  if (MISSING_CHUNK.test(message)) {
    return (
      <div role="alert" className="flex flex-col items-start gap-3 p-4" data-testid="new-version">
        <p>{t("app.newVersion")}</p>
        <Button onClick={() => window.location.reload()}>{t("app.reload")}</Button>
      </div>
    );
  }
  return (
    <ErrorAlert
      error={error}
      title={t("router.pageFailed")}
      action={
        <div>
          <Button onClick={reset}>{t("common.retry")}</Button>
        </div>
      }
    />
  );
}

type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string };

/** A link whose search parameters fail the route's schema: which ones, why, and a way on. */
function BadLink({ error }: { error: SearchParamError }) {
  const { t, tm } = useI18n();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const issues = ((error.cause as { issues?: Issue[] } | undefined)?.issues ?? []).map((issue) => ({
    name: (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join("."),
    message: tm(issue.message),
  }));
  return (
    <div role="alert" className="flex flex-col items-start gap-3" data-testid="bad-link">
      <h1 className="text-2xl font-semibold">{t("router.badLinkTitle")}</h1>
      <p>{t("router.badLinkBody")}</p>
      <ul className="list-disc pl-5">
        {issues.map((issue) => (
          <li key={issue.name}>
            <code className="font-mono">{issue.name}</code>: {issue.message}
          </li>
        ))}
      </ul>
      <a
        href={pathname}
        className="text-blue-700 underline dark:text-sky-400"
        data-testid="bad-link-clean"
      >
        {t("router.badLinkClean")}
      </a>
    </div>
  );
}
