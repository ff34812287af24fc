import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** A request as the cloud key-service stand-ins see it: path, query, headers, parsed body. */
export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}

/** An error answer of a stand-in: status and the service's JSON error body. */
export class StandInError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(JSON.stringify(body));
  }
}

/**
 * Starts a loopback HTTP server for a cloud key-service stand-in (tests only): `handle` answers a
 * JSON body or throws `StandInError`. Also issues opaque bearer tokens (`issue`, `valid`,
 * `revokeAll`) for the stand-ins' token endpoints.
 */
export async function startStandInServer(handle: (request: StandInRequest) => unknown): Promise<{
  url: string;
  issue(): string;
  valid(authorization: string | undefined): boolean;
  revokeAll(): void;
  close(): Promise<void>;
}> {
  const tokens = new Set<string>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
        response.end(JSON.stringify(body));
      };
      try {
        send(
          200,
          handle({
            method: request.method ?? "GET",
            path: decodeURIComponent(url.pathname),
            query: url.searchParams,
            headers: request.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      } catch (error) {
        if (error instanceof StandInError) send(error.status, error.body);
        else send(500, { error: { message: (error as Error).message } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    issue: () => {
      const token = randomBytes(24).toString("base64url");
      tokens.add(token);
      return token;
    },
    valid: (authorization) =>
      Boolean(authorization?.startsWith("Bearer ") && tokens.has(authorization.slice(7))),
    revokeAll: () => tokens.clear(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** DigestInfo prefixes (RFC 8017 §9.2 note 1) for RSASSA-PKCS1-v1_5 over a given digest. */
export const DIGEST_INFO_PREFIX = {
  sha256: Buffer.from("3031300d060960864801650304020105000420", "hex"),
  sha384: Buffer.from("3041300d060960864801650304020205000430", "hex"),
  sha512: Buffer.from("3051300d060960864801650304020305000440", "hex"),
} as const;
