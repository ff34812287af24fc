import { lazy } from "react";

// Each capability is its own chunk: the first load carries only the shell and the page shown.
// React.lazy (not TanStack's lazyRouteComponent, which reloads the document once on a missing
// chunk): a chunk gone after a redeploy shows "new version, reload" (routes.tsx, RouteError).
export const ScopesPage = lazy(() =>
  import("../features/scopes/components/scopes-page").then((m) => ({ default: m.ScopesPage })),
);
export const ScopeFormPage = lazy(() =>
  import("../features/scopes/components/scope-form-page").then((m) => ({
    default: m.ScopeFormPage,
  })),
);
export const AccessPage = lazy(() =>
  import("../features/access/components/access-page").then((m) => ({ default: m.AccessPage })),
);
export const ConsumerPage = lazy(() =>
  import("../features/consumer/components/consumer-page").then((m) => ({
    default: m.ConsumerPage,
  })),
);
export const RequestsPage = lazy(() =>
  import("../features/requests/components/requests-page").then((m) => ({
    default: m.RequestsPage,
  })),
);
export const ClientFormPage = lazy(() =>
  import("../features/clients/components/client-form-page").then((m) => ({
    default: m.ClientFormPage,
  })),
);
export const CataloguePage = lazy(() =>
  import("../features/catalogue/components/catalogue-page").then((m) => ({
    default: m.CataloguePage,
  })),
);
export const KeysOverviewPage = lazy(() =>
  import("../features/keys/components/keys-overview-page").then((m) => ({
    default: m.KeysOverviewPage,
  })),
);
export const TokenTestPage = lazy(() =>
  import("../features/token-test/components/token-test-page").then((m) => ({
    default: m.TokenTestPage,
  })),
);
export const DiagnosePage = lazy(() =>
  import("../features/diagnose/components/diagnose-page").then((m) => ({
    default: m.DiagnosePage,
  })),
);
export const SupplierPage = lazy(() =>
  import("../features/supplier/components/supplier-page").then((m) => ({
    default: m.SupplierPage,
  })),
);
export const ClientsRoute = lazy(() =>
  import("./clients-route").then((m) => ({ default: m.ClientsRoute })),
);
export const ClientRoute = lazy(() =>
  import("./client-route").then((m) => ({ default: m.ClientRoute })),
);
export const AltinnPage = lazy(() =>
  import("../features/altinn/components/altinn-page").then((m) => ({ default: m.AltinnPage })),
);
export const ConfigPage = lazy(() =>
  import("../features/config/components/config-page").then((m) => ({ default: m.ConfigPage })),
);
export const PromotionPage = lazy(() =>
  import("../features/promotion/components/promotion-page").then((m) => ({
    default: m.PromotionPage,
  })),
);
export const TokensPage = lazy(() =>
  import("../features/tokens/components/tokens-page").then((m) => ({ default: m.TokensPage })),
);
export const ChangeRequestsPage = lazy(() =>
  import("../features/change-requests/components/change-requests-page").then((m) => ({
    default: m.ChangeRequestsPage,
  })),
);
export const AuditPage = lazy(() =>
  import("../features/audit/components/audit-page").then((m) => ({ default: m.AuditPage })),
);
