import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { matchedRoutes } from "hono/route";
import { RegExpRouter } from "hono/router/reg-exp-router";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import { auditKeptHeader } from "./audit/middleware";
import type { AuditStore } from "./audit/store";
import { type ApiTokenStore, tokenAuthentication } from "./auth/api-tokens-http";
import { csrfProtection } from "./auth/csrf";
import { type HitLimiter, RateLimiter } from "./auth/rate-limit";
import type { createSignIn } from "./auth/sign-in";
import type { BulkJobs } from "./bulk/jobs";
import type { ChangeGuard } from "./changes/guard";
import type { PortvaktConfig } from "./config";
import { type BffEnv, Environments } from "./context";
import { executionOf, executionSession, HTTP_KIND, httpExecutor } from "./four-eyes/defer";
import type { ChangeRequests } from "./four-eyes/service";
import type { Readiness } from "./health";
import { accessLineLogger } from "./logger";
import type { BffMetrics } from "./metrics";
import { OrganizationRegister } from "./organization-register";
import { ProblemError, problemResponse, toProblemResponse } from "./problem";
import { accessRoutes } from "./routes/access";
import { accessJobRoutes } from "./routes/access-jobs";
import { accessRequestRoutes } from "./routes/access-requests";
import { altinnRoutes } from "./routes/altinn";
import { auditRoutes } from "./routes/audit";
import { changeRequestRoutes } from "./routes/change-requests";
import { clientsRoutes } from "./routes/clients";
import { configRoutes } from "./routes/config";
import { diagnoseRoutes } from "./routes/diagnose";
import { envsRoutes } from "./routes/envs";
import { createKeysRoutes } from "./routes/keys";
import { organizationStatusRoutes } from "./routes/organization-status";
import { promotionRoutes } from "./routes/promotion";
import { scopesRoutes } from "./routes/scopes";
import { tokenTestRoutes } from "./routes/token-test";
import { tokensRoutes } from "./routes/tokens";
import { metricsToken } from "./security/metrics-token";
import { validatePathParams } from "./security/path-params";
import { serverRequestId } from "./security/request-id";
import { wellFormedInput } from "./security/well-formed-input";
import { serveWebApp } from "./spa";
import type { Environment } from "./upstream";

function createApiRoutes() {
  return new OpenAPIHono<BffEnv>()
    .route("/", envsRoutes)
    .route("/", scopesRoutes)
    .route("/", accessRoutes)
    .route("/", accessJobRoutes)
    .route("/", accessRequestRoutes)
    .route("/", organizationStatusRoutes)
    .route("/", clientsRoutes)
    .route("/", createKeysRoutes())
    .route("/", auditRoutes)
    .route("/", altinnRoutes)
    .route("/", configRoutes)
    .route("/", promotionRoutes)
    .route("/", tokenTestRoutes)
    .route("/", diagnoseRoutes)
    .route("/", tokensRoutes)
    .route("/", changeRequestRoutes);
}

/** The BFF's routes, for the web app's typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApiRoutes>;

export interface AppDependencies {
  config: Pick<
    PortvaktConfig,
    "bodyLimitBytes" | "webDist" | "auth" | "metricsEnabled" | "enhetsregisteret"
  >;
  environments: readonly Environment[];
  logger: Logger;
  audit: AuditStore;
  signIn: Awaited<ReturnType<typeof createSignIn>>;
  /** The origin browsers use; state changes must come from it. */
  publicOrigin: string;
  metrics: BffMetrics;
  readiness: Readiness;
  /** When set, /metrics answers only `Authorization: Bearer <this>`. */
  metricsToken?: string;
  changeGuard: ChangeGuard;
  /** Bulk grant/revoke jobs (issue 17). */
  bulkJobs: BulkJobs;
  /** The per-person limit of changes; in memory unless given (shared with PostgreSQL). */
  mutationLimiter?: HitLimiter;
  /** Pipeline tokens (issue 18 #4); without it, no bearer token is accepted. */
  apiTokens?: ApiTokenStore;
  /** Four-eyes change requests (issue 18 #2); without it, no environment defers its changes. */
  changeRequests?: ChangeRequests;
}

/** API paths that need no session: probes and the API description. */
const PUBLIC_API_PATHS = new Set(["/api/health", "/api/openapi.json"]);

const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Powerful browser features the console never uses are switched off for it and anything it
 * embeds; copying a request id to the clipboard stays allowed for its own pages.
 */
const PERMISSIONS_POLICY = {
  accelerometer: [],
  autoplay: [],
  bluetooth: [],
  browsingTopics: [],
  camera: [],
  clipboardRead: [],
  clipboardWrite: ["self"],
  displayCapture: [],
  encryptedMedia: [],
  fullscreen: [],
  geolocation: [],
  gyroscope: [],
  hid: [],
  identityCredentialsGet: [],
  idleDetection: [],
  magnetometer: [],
  microphone: [],
  midi: [],
  payment: [],
  publickeyCredentialsGet: [],
  screenWakeLock: [],
  serial: [],
  usb: [],
  xrSpatialTracking: [],
};

export function createApp({
  config,
  environments,
  logger,
  audit,
  signIn,
  publicOrigin,
  metrics,
  readiness,
  metricsToken: metricsBearerToken,
  changeGuard,
  bulkJobs,
  mutationLimiter: sharedMutationLimiter,
  apiTokens,
  changeRequests,
}: AppDependencies) {
  const registry = new Environments(environments);
  const organizationRegister = new OrganizationRegister(config.enhetsregisteret);
  const mutationLimiter =
    sharedMutationLimiter ?? new RateLimiter(config.auth.mutationsPerMinute, 60_000);
  const csrf = csrfProtection(publicOrigin);
  // RegExpRouter, not the SmartRouter default: one compiled expression per method instead of a
  // trie walk, and a route that would be ambiguous to it fails every request (and so every test)
  // at once instead of quietly falling back to the slower TrieRouter.
  const app = new OpenAPIHono<BffEnv>({ router: new RegExpRouter() });
  const accessLog = accessLineLogger(logger);

  app.use(serverRequestId());
  // Every answer of a request that kept an audit entry for later says so (review 19 #11).
  app.use(auditKeptHeader());
  app.use(async (c, next) => {
    const started = performance.now();
    c.set("environments", registry);
    c.set("audit", audit);
    c.set("mutationLimiter", mutationLimiter);
    c.set("changeGuard", changeGuard);
    c.set("bulkJobs", bulkJobs);
    c.set("organizationRegister", organizationRegister);
    if (apiTokens) c.set("apiTokens", apiTokens);
    if (changeRequests) c.set("changeRequests", changeRequests);
    await next();
    // The route pattern, not the path: label values stay few whatever ids people use.
    const route = matchedRoutes(c)[c.req.routeIndex]?.path ?? "unmatched";
    const seconds = (performance.now() - started) / 1000;
    metrics.requests.inc({ route, method: c.req.method, status: String(c.res.status) });
    metrics.requestSeconds.observe({ route, method: c.req.method }, seconds);
    // Only the path: query strings may carry org numbers but never secrets; headers and bodies
    // (cookies, tokens, keys) are never logged, so the line needs no redaction walk.
    accessLog.info(
      {
        request_id: c.get("requestId"),
        client_request_id: c.get("clientRequestId"),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        correlation_id: c.res.headers.get("X-Correlation-ID") ?? undefined,
      },
      "request",
    );
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      referrerPolicy: "no-referrer",
      xFrameOptions: "DENY",
      xContentTypeOptions: "nosniff",
      crossOriginEmbedderPolicy: false,
      // Only over https: sent over http it is ignored by browsers, and misleads (issue 13 #12).
      strictTransportSecurity: publicOrigin.startsWith("https://"),
      permissionsPolicy: PERMISSIONS_POLICY,
    }),
  );
  const limitBody = bodyLimit({
    maxSize: config.bodyLimitBytes,
    onError: (c) =>
      problemResponse(c, 413, {
        detail: `The request body is larger than ${config.bodyLimitBytes} bytes`,
        code: "problem.body-too-large",
        params: { bytes: config.bodyLimitBytes },
      }),
  });
  // GET and HEAD carry no body that is read here; asking for one would make the node adapter
  // build a whole WHATWG Request (and a stream) for every read.
  app.use("/api/*", (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next),
  );
  app.use("/api/*", async (c, next) => {
    await next();
    // On the answer's own headers: `c.header` after the fact would rebuild the response and turn
    // its body into a stream (a copy of a 290 kB grant list through web streams).
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });

  // Probes and metrics: no session, answered from state kept in memory.
  app.get("/healthz", (c) => c.json({ status: "up" }, 200));
  app.get("/readyz", (c) => {
    const snapshot = readiness.snapshot();
    return c.json(snapshot, snapshot.ready ? 200 : 503);
  });
  if (config.metricsEnabled) {
    app.get("/metrics", metricsToken(metricsBearerToken), async (c) =>
      c.body(await metrics.registry.metrics(), 200, {
        "Content-Type": metrics.registry.contentType,
      }),
    );
  }

  app.use("/auth/logout", csrf);
  app.route("/", signIn.routes);
  const tokenAuth = tokenAuthentication({
    ...(apiTokens ? { store: apiTokens } : {}),
    sessionCookieNames: [signIn.cookieNames.session, signIn.cookieNames.login],
  });
  app.use("/api/*", async (c, next) => {
    if (PUBLIC_API_PATHS.has(c.req.path)) return next();
    // The BFF's own replay of an approved change request (not reachable over HTTP): as its
    // requester, with the role they had when they asked; the approval was the CSRF-checked act.
    const execution = executionOf(c);
    if (execution) {
      c.set("session", executionSession(execution));
      return next();
    }
    // A pipeline token: no ambient credential, so no CSRF header; refused with a cookie too.
    if (await tokenAuth(c)) return next();
    await csrf(c, async () => {
      // An API call never gets a redirect: the web app sends the person to /auth/login itself.
      if (!(await signIn.attachSession(c))) {
        throw new ProblemError(401, {
          type: "urn:portvakt:problem:sign-in-required",
          detail: "Sign in to continue",
          code: "problem.sign-in-required",
        });
      }
      await next();
    });
  });
  // Input every route gets checked before it runs: path parameters, well-formed Unicode.
  validatePathParams(app);
  app.use("/api/*", wellFormedInput());
  app.route("/", createApiRoutes());
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Portvakt BFF",
      version: "0.1.0",
      description:
        "The browser's API of Portvakt. Paths mirror Digdir's self-service API under /api/envs/{env}.",
    },
  });
  app.all("/api/*", (c) =>
    problemResponse(c, 404, {
      detail: `No API route ${c.req.path}`,
      code: "problem.no-api-route",
      params: { path: c.req.path },
    }),
  );

  app.onError((error, c) => {
    const response = toProblemResponse(error, c);
    if (response.status >= 500) {
      logger.error(
        {
          request_id: c.get("requestId"),
          path: c.req.path,
          err: { name: (error as Error).name, message: (error as Error).message },
        },
        "request failed",
      );
    }
    return response;
  });
  app.notFound((c) =>
    problemResponse(c, 404, {
      detail: `Nothing at ${c.req.path}`,
      code: "problem.not-found",
      params: { path: c.req.path },
    }),
  );

  if (config.webDist) serveWebApp(app, config.webDist);
  changeRequests?.register(
    HTTP_KIND,
    httpExecutor((request, env) => app.fetch(request, env), publicOrigin),
  );
  return app;
}
