import { Component, lazy, type ReactNode, Suspense, useEffect } from "react";
import { Button } from "../components/ui/button";
import { Loading } from "../components/ui/status";
import { useI18n } from "../lib/i18n";
import { Link, matchPath, navigate, useLocation } from "../lib/router";

// Each capability is its own chunk: the first load carries only the shell and the page shown.
const ScopesPage = lazy(() =>
  import("../features/scopes/components/scopes-page").then((m) => ({ default: m.ScopesPage })),
);
const ScopeFormPage = lazy(() =>
  import("../features/scopes/components/scope-form-page").then((m) => ({
    default: m.ScopeFormPage,
  })),
);
const AccessPage = lazy(() =>
  import("../features/access/components/access-page").then((m) => ({ default: m.AccessPage })),
);
const ConsumerPage = lazy(() =>
  import("../features/consumer/components/consumer-page").then((m) => ({
    default: m.ConsumerPage,
  })),
);
const RequestsPage = lazy(() =>
  import("../features/requests/components/requests-page").then((m) => ({
    default: m.RequestsPage,
  })),
);
const ClientFormPage = lazy(() =>
  import("../features/clients/components/client-form-page").then((m) => ({
    default: m.ClientFormPage,
  })),
);
const CataloguePage = lazy(() =>
  import("../features/catalogue/components/catalogue-page").then((m) => ({
    default: m.CataloguePage,
  })),
);
const KeysOverviewPage = lazy(() =>
  import("../features/keys/components/keys-overview-page").then((m) => ({
    default: m.KeysOverviewPage,
  })),
);
const TokenTestPage = lazy(() =>
  import("../features/token-test/components/token-test-page").then((m) => ({
    default: m.TokenTestPage,
  })),
);
const DiagnosePage = lazy(() =>
  import("../features/diagnose/components/diagnose-page").then((m) => ({
    default: m.DiagnosePage,
  })),
);
const SupplierPage = lazy(() =>
  import("../features/supplier/components/supplier-page").then((m) => ({
    default: m.SupplierPage,
  })),
);
const ClientsRoute = lazy(() =>
  import("./clients-route").then((m) => ({ default: m.ClientsRoute })),
);
const ClientRoute = lazy(() => import("./client-route").then((m) => ({ default: m.ClientRoute })));
const AltinnPage = lazy(() =>
  import("../features/altinn/components/altinn-page").then((m) => ({ default: m.AltinnPage })),
);
const ConfigPage = lazy(() =>
  import("../features/config/components/config-page").then((m) => ({ default: m.ConfigPage })),
);
const PromotionPage = lazy(() =>
  import("../features/promotion/components/promotion-page").then((m) => ({
    default: m.PromotionPage,
  })),
);
const TokensPage = lazy(() =>
  import("../features/tokens/components/tokens-page").then((m) => ({ default: m.TokensPage })),
);
const ChangeRequestsPage = lazy(() =>
  import("../features/change-requests/components/change-requests-page").then((m) => ({
    default: m.ChangeRequestsPage,
  })),
);
const AuditPage = lazy(() =>
  import("../features/audit/components/audit-page").then((m) => ({ default: m.AuditPage })),
);

export function AppRoutes() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <MissingChunkBoundary key={pathname}>
      <Suspense fallback={<Loading label={t("common.loading")} />}>
        <RouteSwitch />
      </Suspense>
    </MissingChunkBoundary>
  );
}

/**
 * A page's chunk that cannot be loaded (after a redeploy the old one is gone and the BFF answers
 * 404) offers the new version instead of a white page (issue 14, defect 8). Reset per path.
 */
class MissingChunkBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    const message = error instanceof Error ? error.message : String(error);
    // Chromium, Firefox and Safari word a failed dynamic import differently.
    if (
      /dynamically imported module|module script|Importing a module script failed/i.test(message)
    ) {
      return <NewVersion />;
    }
    throw error;
  }
}

function NewVersion() {
  const { t } = useI18n();
  return (
    <div role="alert" className="flex flex-col items-start gap-3 p-4" data-testid="new-version">
      <p>{t("app.newVersion")}</p>
      <Button onClick={() => window.location.reload()}>{t("app.reload")}</Button>
    </div>
  );
}

function RouteSwitch() {
  const { pathname, search } = useLocation();
  const { t } = useI18n();
  const path = pathname.replace(/\/+$/, "") || "/";

  if (path === "/") return <Redirect to="/scopes" />;
  if (path === "/scopes") return <ScopesPage />;
  if (path === "/scopes/new") return <ScopeFormPage mode="create" />;
  if (path === "/scopes/edit") {
    const scope = search.get("scope");
    return scope ? <ScopeFormPage mode="edit" scopeName={scope} /> : <Redirect to="/scopes" />;
  }
  if (path === "/access") return <AccessPage scopeName={search.get("scope") ?? undefined} />;
  if (path === "/consumer") return <ConsumerPage orgno={search.get("orgno") ?? undefined} />;
  if (path === "/requests") return <RequestsPage />;
  if (path === "/clients") return <ClientsRoute />;
  if (path === "/catalogue") return <CataloguePage />;
  if (path === "/keys") return <KeysOverviewPage />;
  if (path === "/token-test") return <TokenTestPage />;
  if (path === "/diagnose") return <DiagnosePage />;
  if (path === "/supplier") return <SupplierPage />;
  if (path === "/altinn") return <AltinnPage />;
  if (path === "/config") return <ConfigPage />;
  if (path === "/promotion") return <PromotionPage />;
  if (path === "/audit") return <AuditPage />;
  if (path === "/tokens") return <TokensPage />;
  if (path === "/change-requests") return <ChangeRequestsPage />;
  if (path === "/clients/new") return <ClientFormPage mode="create" />;
  const edit = matchPath("/clients/:id/edit", path);
  if (edit) return <ClientFormPage mode="edit" clientId={edit.id!} />;
  const client = matchPath("/clients/:id", path);
  if (client) return <ClientRoute clientId={client.id!} />;

  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-semibold">{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <p>
        <Link to="/scopes" className="text-blue-700 underline dark:text-sky-400">
          {t("nav.scopes")}
        </Link>
      </p>
    </div>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
