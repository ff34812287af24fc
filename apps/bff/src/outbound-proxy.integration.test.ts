import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, request as httpRequest, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getGlobalDispatcher, request, setGlobalDispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useProxyFromEnvironment } from "./outbound";
import { type BffProcess, startBffProcess } from "./testing/bff-process";
import { startTestStack, type TestStack } from "./testing/stack";

// A corporate network: outbound calls must go through a proxy, and Digdir's TLS certificate is
// checked against the organisation's own CA bundle (NODE_EXTRA_CA_CERTS). Here Digdir's
// self-service API is served over TLS with a certificate from a test CA, on `localhost`; the
// token endpoint stays plain http on 127.0.0.1 (its issuer is the grant's audience); the sign-in
// provider is in NO_PROXY. The BFF runs as its production entry point, in a process of its own.

let stack: TestStack;
let dir: string;
const servers: Server[] = [];
/** What the proxy was asked for: `CONNECT host:port`, or `METHOD absolute-url`. */
const proxied: string[] = [];
let proxyUrl: string;
let tlsPort: number;

const listen = (server: Server) =>
  new Promise<number>((resolve) => {
    servers.push(server);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });

beforeAll(async () => {
  stack = await startTestStack();
  dir = mkdtempSync(join(tmpdir(), "portvakt-proxy-"));
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl(
    ...[
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=Test corporate CA",
    ],
    ...["-keyout", "ca.key", "-out", "ca.pem", "-addext", "basicConstraints=critical,CA:TRUE"],
    ...["-addext", "keyUsage=critical,keyCertSign,cRLSign"],
  );
  openssl(
    ...["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost"],
    ...["-keyout", "server.key", "-out", "server.csr"],
  );
  writeFileSync(
    join(dir, "ext.cnf"),
    "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n",
  );
  openssl(
    ...["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key"],
    ...["-CAcreateserial", "-days", "2", "-out", "server.pem", "-extfile", "ext.cnf"],
  );

  // Digdir's API over TLS: a reverse proxy in front of the simulator.
  const simulator = new URL(stack.simulator.url);
  tlsPort = await listen(
    createHttpsServer(
      { key: readFileSync(join(dir, "server.key")), cert: readFileSync(join(dir, "server.pem")) },
      (req, res) => {
        const upstream = httpRequest(
          {
            host: simulator.hostname,
            port: simulator.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: simulator.host },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        req.pipe(upstream);
      },
    ),
  );

  // The corporate proxy: CONNECT tunnels for https, absolute-form requests for http.
  const proxy = createHttpServer((req, res) => {
    proxied.push(`${req.method} ${req.url}`);
    const target = new URL(req.url!);
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  proxy.on("connect", (req, socket, head) => {
    proxied.push(`CONNECT ${req.url}`);
    const [host, port] = req.url!.split(":");
    const upstream = connect(Number(port), host === "localhost" ? "127.0.0.1" : host!, () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
}, 60_000);

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections?.();
    server.close();
  }
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function startBehindProxy(name: string, extraCa: boolean): Promise<BffProcess> {
  const env = stack.config.environments[0]!;
  return startBffProcess(
    {
      ...stack.config,
      auditDatabasePath: join(dir, `${name}.db`),
      environments: [{ ...env, apiBaseUrl: `https://localhost:${tlsPort}` }],
    },
    dir,
    name,
    {
      env: {
        HTTPS_PROXY: proxyUrl,
        HTTP_PROXY: proxyUrl,
        NO_PROXY: new URL(stack.idp.issuer).host,
        ...(extraCa ? { NODE_EXTRA_CA_CERTS: join(dir, "ca.pem") } : { NODE_EXTRA_CA_CERTS: "" }),
      },
    },
  );
}

describe("outbound calls on a corporate network", () => {
  it("go through HTTPS_PROXY, trust NODE_EXTRA_CA_CERTS, and skip the proxy for NO_PROXY hosts", async () => {
    const bff = await startBehindProxy("proxied", true);
    try {
      expect(bff.output.join("\n")).toMatch(/outbound HTTP goes through a proxy/);
      let ready: Response | undefined;
      for (let i = 0; i < 50 && ready?.status !== 200; i++) {
        if (i) await new Promise((r) => setTimeout(r, 200));
        ready = await fetch(`${bff.url}/readyz`);
      }
      expect(ready?.status).toBe(200);
      const scopes = await fetch(`${bff.url}/api/envs/demo/scopes`, {
        headers: { "X-CSRF": "1", Cookie: stack.api.cookie },
      });
      expect(scopes.status).toBe(200);
      expect(((await scopes.json()) as unknown[]).length).toBeGreaterThan(0);
      // The API through a CONNECT tunnel; the plain-http token endpoint through the proxy too
      // (undici tunnels http as well, or sends an absolute-form request).
      expect(proxied).toContain(`CONNECT localhost:${tlsPort}`);
      const simulator = new URL(stack.simulator.url).host;
      expect(proxied).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            new RegExp(`^(CONNECT ${simulator}|POST ${stack.simulator.issuer}token)$`),
          ),
        ]),
      );
      // The sign-in provider (discovered at start) is in NO_PROXY: never through the proxy.
      const idpHost = new URL(stack.idp.issuer).host;
      expect(proxied.filter((p) => p.includes(idpHost))).toEqual([]);
    } finally {
      expect(await bff.stop()).toBe(0);
    }
  });

  it("refuses Digdir's TLS certificate when the CA bundle is not given", async () => {
    const bff = await startBehindProxy("no-extra-ca", false);
    try {
      const scopes = await fetch(`${bff.url}/api/envs/demo/scopes`, {
        headers: { "X-CSRF": "1", Cookie: stack.api.cookie },
      });
      expect(scopes.status).toBeGreaterThanOrEqual(500);
      expect(proxied.filter((p) => p === `CONNECT localhost:${tlsPort}`).length).toBeGreaterThan(1);
    } finally {
      expect(await bff.stop()).toBe(0);
    }
  });

  it("holds for undici's request as for fetch, in this process too, and keeps a proxy password out of the log", async () => {
    const before = getGlobalDispatcher();
    // Two origins, so each client's call shows as its own tunnel or request at the proxy.
    const viaFetch = new URL(stack.simulator.url);
    const viaUndici = new URL(stack.idp.issuer);
    const seen = proxied.length;
    try {
      const url = new URL(proxyUrl);
      url.username = "user";
      url.password = "hemmelig";
      const shown = useProxyFromEnvironment({ HTTP_PROXY: url.toString(), NO_PROXY: "" });
      expect(JSON.stringify(shown)).not.toContain("hemmelig");
      expect(
        (await fetch(`${viaFetch.origin}/.well-known/oauth-authorization-server`)).status,
      ).toBe(200);
      const answer = await request(`${viaUndici.origin}/.well-known/openid-configuration`);
      await answer.body.dump();
      expect(answer.statusCode).toBe(200);
      const now = proxied.slice(seen).join("\n");
      expect(now).toContain(viaFetch.host);
      expect(now).toContain(viaUndici.host);
    } finally {
      setGlobalDispatcher(before);
    }
    expect(useProxyFromEnvironment({})).toBeUndefined();
  });
});
