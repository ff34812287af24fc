import { type Transport, undiciTransport } from "@portvakt/maskinporten";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Environment } from "./upstream";

/** Operations by method and path, as computed: the same few paths come again and again. */
const operations = new Map<string, string>();
const MAX_OPERATIONS = 1_000;

/**
 * Upstream paths as operations: ids and scopes replaced, so label values stay few. `url` is
 * absolute; its query is not part of the operation. Remembered per method and path (bounded), so
 * a read repeated under load does not parse its URL each time.
 */
export function upstreamOperation(method: string, url: string): string {
  const query = url.indexOf("?");
  const key = `${method} ${query < 0 ? url : url.slice(0, query)}`;
  let operation = operations.get(key);
  if (operation === undefined) {
    operation = operationOf(method, url);
    if (operations.size >= MAX_OPERATIONS) operations.clear();
    operations.set(key, operation);
  }
  return operation;
}

function operationOf(method: string, url: string): string {
  const path = new URL(url).pathname
    .replace(/\/clients\/[^/]+/, "/clients/:id")
    .replace(/\/jwks\/[^/]+/, "/jwks/:kid")
    .replace(/\/access\/\d{9}/, "/access/:orgno")
    .replace(/\/organizations\/[^/]+/, "/organizations/:orgno");
  return `${method.toUpperCase()} ${path}`;
}

/**
 * Prometheus metrics of one BFF: its own requests, its calls to Digdir, tokens, the credential's
 * expiry and audit failures. A registry per app, so tests can run several in one process.
 */
export class BffMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: "portvakt_http_requests_total",
    help: "Requests answered, by route, method and status",
    labelNames: ["route", "method", "status"] as const,
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: "portvakt_http_request_duration_seconds",
    help: "Time to answer a request, by route and method",
    labelNames: ["route", "method"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly upstreamCalls = new Counter({
    name: "portvakt_upstream_calls_total",
    help: "HTTP calls to Digdir, by environment, operation and status (0 = no answer)",
    labelNames: ["env", "operation", "status"] as const,
    registers: [this.registry],
  });
  readonly upstreamSeconds = new Histogram({
    name: "portvakt_upstream_call_duration_seconds",
    help: "Time of each HTTP call to Digdir, by environment and operation",
    labelNames: ["env", "operation"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [this.registry],
  });
  readonly credentialReloads = new Counter({
    name: "portvakt_credential_reloads_total",
    help: "Credential files that changed on disk, by environment and outcome (reloaded, failed)",
    labelNames: ["env", "outcome"] as const,
    registers: [this.registry],
  });
  readonly auditWriteFailures = new Counter({
    name: "portvakt_audit_write_failures_total",
    help: "Audit entries that could not be written",
    registers: [this.registry],
  });

  #clientKeys: () => readonly {
    env: string;
    clientId?: string;
    kid?: string;
    expiresAt: string;
  }[] = () => [];

  /** Where /metrics reads the client keys' expiry from (the expiry alerts' last check). */
  watchClientKeys(
    keys: () => readonly { env: string; clientId?: string; kid?: string; expiresAt: string }[],
  ): void {
    this.#clientKeys = keys;
  }

  constructor(environments: () => readonly Environment[]) {
    const registry = this.registry;
    new Gauge({
      name: "portvakt_token_requests_total",
      help: "Token requests sent to Maskinporten, by environment",
      labelNames: ["env"] as const,
      registers: [registry],
      collect() {
        for (const env of environments())
          this.set({ env: env.config.id }, env.tokens.stats.requests);
      },
    });
    new Gauge({
      name: "portvakt_token_cache_hits_total",
      help: "Token requests answered from the cache (or joined to one under way), by environment",
      labelNames: ["env"] as const,
      registers: [registry],
      collect() {
        for (const env of environments())
          this.set({ env: env.config.id }, env.tokens.stats.cacheHits);
      },
    });
    const clientKeys = () => this.#clientKeys();
    new Gauge({
      name: "portvakt_client_key_expiry_timestamp_seconds",
      help: "When each client key expires (Digdir's exp, epoch seconds), by environment, client and kid, as of the last expiry check",
      labelNames: ["env", "client_id", "kid"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const key of clientKeys()) {
          this.set(
            { env: key.env, client_id: key.clientId ?? "", kid: key.kid ?? "" },
            Math.floor(Date.parse(key.expiresAt) / 1000),
          );
        }
      },
    });
    new Gauge({
      name: "portvakt_credential_days_to_expiry",
      help: "Days until the admin client's business certificate expires, by environment",
      labelNames: ["env"] as const,
      registers: [registry],
      collect() {
        for (const env of environments()) {
          if (env.credential.kind !== "certificate") continue;
          const days = (env.credential.notAfter.getTime() - Date.now()) / 86_400_000;
          this.set({ env: env.config.id }, Math.floor(days * 100) / 100);
        }
      },
    });
  }

  /** A transport for one environment's self-service client that measures every call to Digdir. */
  measuredTransport(envId: string, inner: Transport = undiciTransport): Transport {
    return async (request) => {
      const operation = upstreamOperation(request.method, request.url);
      const stop = this.upstreamSeconds.startTimer({ env: envId, operation });
      try {
        const response = await inner(request);
        this.upstreamCalls.inc({ env: envId, operation, status: String(response.status) });
        return response;
      } catch (error) {
        this.upstreamCalls.inc({ env: envId, operation, status: "0" });
        throw error;
      } finally {
        stop();
      }
    };
  }

  /** A fetch for one environment's token client that measures every call to Digdir. */
  measuredFetch(envId: string, inner: typeof fetch = fetch): typeof fetch {
    return async (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const operation = upstreamOperation(init?.method ?? "GET", url);
      const stop = this.upstreamSeconds.startTimer({ env: envId, operation });
      try {
        const response = await inner(input, init);
        this.upstreamCalls.inc({ env: envId, operation, status: String(response.status) });
        return response;
      } catch (error) {
        this.upstreamCalls.inc({ env: envId, operation, status: "0" });
        throw error;
      } finally {
        stop();
      }
    };
  }
}
