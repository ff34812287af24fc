import { generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { createMemoryAdapter } from "oidc-provider/lib/adapters/memory_adapter.js";
import { DEMO_PEOPLE, type DemoPerson } from "./demo-people";

export interface DemoIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface DemoIdpOptions {
  port?: number;
  host?: string;
  clients: DemoIdpClient[];
  people?: DemoPerson[];
  /**
   * The RSA private key (2048 bits) the provider signs ID tokens with (RS256, kid `demo-idp`).
   * Default: a new one for this provider. Test stacks pass one key made once per process:
   * making an RSA key costs a tenth of a second of CPU and more on a busy machine, and a test
   * run starts a hundred providers, each its own issuer whatever key it has.
   */
  signingKey?: KeyObject;
}

export interface RunningDemoIdp {
  issuer: string;
  people: DemoPerson[];
  /**
   * Changes a person's groups at the provider, as an administrator removing someone from a
   * group would: the next ID token (sign-in or refresh) carries the new groups.
   * @throws Error for an unknown `sub`.
   */
  setGroups(sub: string, groups: string[]): void;
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b1f24;background:#f6f7f9}
h1{font-size:1.4rem}p{color:#4a5563}button{display:block;width:100%;text-align:left;margin:.5rem 0;padding:.8rem 1rem;border:1px solid #c5ccd6;border-radius:.5rem;background:#fff;font:inherit;cursor:pointer}
button:hover,button:focus-visible{border-color:#1f5fbf;outline:3px solid #9ec1f5}small{display:block;color:#4a5563}</style></head><body>${body}</body></html>`;
}

/**
 * A stand-in for the organisation's sign-in provider (Ansattporten, Entra ID, ...) for the demo
 * and the browser tests: real OpenID Connect (oidc-provider), with a page where the demo user
 * picks who to be. Never started unless the demo or a test asks for it.
 */
export async function startDemoIdp(options: DemoIdpOptions): Promise<RunningDemoIdp> {
  // A copy: setGroups changes this provider's people, never the shared demo list.
  const people = (options.people ?? DEMO_PEOPLE).map((p) => ({ ...p, groups: [...p.groups] }));
  const host = options.host ?? "127.0.0.1";
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  const privateKey =
    options.signingKey ?? generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const signingKey = {
    ...privateKey.export({ format: "jwk" }),
    kid: "demo-idp",
    use: "sig",
    alg: "RS256",
  };

  const configuration: Configuration = {
    // oidc-provider's own in-memory storage, chosen on purpose (so it does not warn that it is
    // the default): this demo provider's sign-in sessions need not outlive the process. It is
    // not Portvakt's session store; Portvakt's sessions are sealed cookies.
    adapter: createMemoryAdapter(),
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris,
      // Refresh tokens let the BFF re-check a person's groups during a session.
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    pkce: { required: () => true },
    claims: { openid: ["sub"], profile: ["name", "groups"] },
    // The ID token carries name and groups: the BFF maps groups to roles from it.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page(
            "Logg ut",
            `<h1>Logger ut …</h1>${form}<noscript><button form="op.logoutForm" name="logout" value="yes">Logg ut</button></noscript><script>document.forms[0].insertAdjacentHTML("beforeend",'<input type="hidden" name="logout" value="yes">');document.forms[0].submit()</script>`,
          );
        },
      },
    },
    findAccount: async (_ctx, id) => {
      const person = people.find((p) => p.sub === id);
      if (!person) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, name: person.name, groups: person.groups }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      // Portvakt is a first-party client of the organisation's provider: no consent screen.
      const grantId =
        ctx.oidc.result?.consent?.grantId ??
        ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope("openid profile");
      await grant.save();
      return grant;
    },
    ttl: {
      Session: 8 * 3600,
      Interaction: 600,
      Grant: 8 * 3600,
      IdToken: 300,
      AccessToken: 300,
      RefreshToken: 8 * 3600,
    },
    // Issued to a client allowed the refresh_token grant (no offline_access scope needed).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, url: URL) {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "POST") {
      const body = await new Promise<string>((resolve) => {
        let data = "";
        req.on("data", (chunk) => {
          data += chunk;
        });
        req.on("end", () => resolve(data));
      });
      const sub = new URLSearchParams(body).get("person");
      if (!people.some((p) => p.sub === sub)) {
        res.writeHead(400, { "Content-Type": "text/plain" }).end("Unknown person");
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: sub! } },
        {
          mergeWithLastSubmission: false,
        },
      );
      return;
    }
    const buttons = people
      .map(
        (p) =>
          `<button type="submit" name="person" value="${escapeHtml(p.sub)}"><strong>${escapeHtml(p.name)}</strong><small>${escapeHtml(p.description)}</small></button>`,
      )
      .join("");
    res
      .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
      .end(
        page(
          "Demo-innlogging",
          `<h1>Demo-innlogging</h1><p>Velg hvem du vil logge inn som i Portvakt-demoen. Dette er en simulert innloggingstjeneste; i drift bruker Portvakt virksomhetens egen (Entra ID, Keycloak, Ansattporten …).</p><form method="post" action="${escapeHtml(url.pathname)}">${buttons}</form><p><small>Innlogging for ${escapeHtml(String(details.params.client_id))}</small></p>`,
        ),
      );
  }

  server.on("request", (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname.startsWith("/interaction/")) {
      interaction(req, res, url).catch((error: Error) => {
        res
          .writeHead(400, { "Content-Type": "text/plain" })
          .end(`Sign-in failed: ${error.message}`);
      });
      return;
    }
    callback(req, res);
  });

  return {
    issuer,
    people,
    setGroups: (sub, groups) => {
      const person = people.find((p) => p.sub === sub);
      if (!person) throw new Error(`No demo person ${sub}`);
      person.groups = [...groups];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
