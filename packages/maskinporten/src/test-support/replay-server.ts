import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";

/** One recorded answer: matched by method and path (the query is ignored). */
export interface RecordedAnswer {
  method: string;
  path: string;
  status: number;
  /** The JSON body (sent as `application/json`), unless `text` is given. */
  body?: unknown;
  /** A body sent as it is (plain text, a gateway's HTML page, nothing), with `contentType`. */
  text?: string;
  contentType?: string;
}

export interface RunningReplayServer {
  /** e.g. `http://127.0.0.1:41234`: use as `apiBaseUrl`, and `${url}/` as the issuer. */
  url: string;
  /** Every request seen, as `METHOD /path?query`. */
  requests: string[];
  /** The body of every request that had one, as `METHOD /path` and the text received. */
  bodies: Array<{ request: string; text: string }>;
  answers: RecordedAnswer[];
  close(): Promise<void>;
}

/** A stable made-up 2048-bit RSA modulus for recorded keys (no one holds its private key). */
export function recordedModulus(): string {
  const bytes = Buffer.concat(
    Array.from({ length: 8 }, (_, i) => createHash("sha256").update(`replay-${i}`).digest()),
  );
  bytes[0]! |= 0x80;
  bytes[bytes.length - 1]! |= 0x01;
  return bytes.toString("base64url");
}

/** The recorded answers of `replay/digdir-answers.json`, with `{{MODULUS}}` filled in. */
export function recordedAnswers(): RecordedAnswer[] {
  const text = readFileSync(join(import.meta.dirname, "replay", "digdir-answers.json"), "utf8");
  const document = JSON.parse(text.replaceAll("{{MODULUS}}", recordedModulus())) as {
    answers: RecordedAnswer[];
  };
  return document.answers;
}

/**
 * A small recording server for the replay suite: it answers each request with the recorded
 * answer of its method and path (Digdir's real shapes), and 404 in Digdir's error shape for
 * anything not recorded. It checks nothing: it is not the simulator, so tests against it show
 * that Portvakt reads Digdir's answers as they are, not as Portvakt's own simulator writes them.
 */
export async function startReplayServer(
  options: { port?: number; answers?: RecordedAnswer[] } = {},
): Promise<RunningReplayServer> {
  const answers = options.answers ?? recordedAnswers();
  const requests: string[] = [];
  const bodies: Array<{ request: string; text: string }> = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://replay");
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    // Answered once the whole request is in, so `bodies` holds it before the caller hears back.
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (text !== "") bodies.push({ request: `${request.method} ${url.pathname}`, text });
      const answer = answers.find(
        (candidate) => candidate.method === request.method && candidate.path === url.pathname,
      );
      const status = answer?.status ?? 404;
      if (answer?.text !== undefined) {
        response.writeHead(
          status,
          answer.contentType ? { "content-type": answer.contentType } : {},
        );
        response.end(answer.text);
        return;
      }
      const body = answer
        ? answer.body
        : {
            status: 404,
            error: "not_found",
            error_description: `Nothing recorded for ${request.method} ${url.pathname}`,
          };
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    bodies,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** nginx's own 502 page, as a gateway in front of an API sends it (CRLF line ends). */
export const NGINX_502_PAGE =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/**
 * A `GET path` answered in one of the error shapes met in practice: a gateway's 502 page
 * (`nginx-502`), Spring Boot's default error body with `words` as its `message`
 * (`spring-default`, 400), or `words` as plain text (`plain-text`, with `status`).
 */
export function errorAnswer(
  shape: "nginx-502" | "spring-default" | "plain-text",
  path: string,
  words = "",
  status?: number,
): RecordedAnswer {
  if (shape === "nginx-502") {
    return { method: "GET", path, status: 502, text: NGINX_502_PAGE, contentType: "text/html" };
  }
  if (shape === "plain-text") {
    return { method: "GET", path, status: status ?? 400, text: words, contentType: "text/plain" };
  }
  return {
    method: "GET",
    path,
    status: status ?? 400,
    body: {
      timestamp: "2025-07-02T08:30:00.000+00:00",
      status: status ?? 400,
      error: "Bad Request",
      message: words,
      path,
    },
  };
}
