import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { BffEnv } from "../context";

/** What a client's own `X-Request-Id` may be to be logged beside ours: visible ASCII, at most 128. */
const CLIENT_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * The request id of the audit log and the logs: always made here (a random UUID), never taken
 * from the client, so an entry cannot be made to look like another one (issue 13 #10). It is sent
 * back as `X-Request-Id`. A client's own `X-Request-Id`, when it is short visible ASCII, is kept
 * as `clientRequestId` (logged as `client_request_id`) to help match the client's logs.
 */
export function serverRequestId(): MiddlewareHandler<BffEnv> {
  return (c, next) => {
    const id = randomUUID();
    c.set("requestId", id);
    const fromClient = c.req.header("X-Request-Id");
    if (fromClient && CLIENT_REQUEST_ID.test(fromClient)) c.set("clientRequestId", fromClient);
    c.header("X-Request-Id", id);
    return next();
  };
}
