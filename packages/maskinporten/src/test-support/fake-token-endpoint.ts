// A stand-in for Maskinporten's /token used only to test TokenClient's own behaviour (cache,
// single-flight, timeouts) in isolation; the simulator is what the integration tests trust.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeTokenRequest {
  grantType: string | null;
  assertion: string | null;
  contentType: string | undefined;
}

export type FakeTokenReply =
  | { status: number; body: unknown; delayMs?: number; headers?: Record<string, string> }
  | { hang: true };

export interface FakeTokenEndpoint {
  issuer: string;
  requests: FakeTokenRequest[];
  /** Decides each answer; the default issues a 120 s token. */
  reply: (request: FakeTokenRequest, index: number) => FakeTokenReply;
  close(): Promise<void>;
}

export async function startFakeTokenEndpoint(): Promise<FakeTokenEndpoint> {
  const hanging = new Set<ServerResponse>();
  const endpoint: FakeTokenEndpoint = {
    issuer: "",
    requests: [],
    reply: (_request, index) => ({
      status: 200,
      body: { access_token: `token-${index}`, token_type: "Bearer", expires_in: 120, scope: "a:b" },
    }),
    close: async () => {
      for (const response of hanging) response.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    const form = new URLSearchParams(text);
    const request: FakeTokenRequest = {
      grantType: form.get("grant_type"),
      assertion: form.get("assertion"),
      contentType: req.headers["content-type"],
    };
    const index = endpoint.requests.push(request) - 1;
    const reply = endpoint.reply(request, index);
    if ("hang" in reply) {
      hanging.add(res);
      return;
    }
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const body = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  endpoint.issuer = `http://127.0.0.1:${port}/`;
  return endpoint;
}
