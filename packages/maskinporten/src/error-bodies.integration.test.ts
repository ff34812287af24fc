import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ERROR_WORDS } from "./error-body";
import { MaskinportenError } from "./errors";
import type { SelfServiceClient } from "./self-service";
import { replayClient } from "./test-support/replay-client";
import {
  errorAnswer,
  type RecordedAnswer,
  type RunningReplayServer,
  recordedAnswers,
  startReplayServer,
} from "./test-support/replay-server";

// Every shape an error answer of the self-service API takes in practice, served over HTTP by
// the recording server (not the simulator). Each must be explained with the words it carries:
// Digdir's own body (docs/maskinporten.md §7) with odd members, Spring Boot's default error
// body, RFC 9457 problem details, a gateway's JSON, plain text, a gateway's HTML page, nothing.
const answers: RecordedAnswer[] = [
  {
    method: "GET",
    path: "/api/v1/clients/digdir-odd-members",
    status: 400,
    body: {
      status: "400",
      timestamp: 1751445000000,
      correlation_id: "b496e785-odd",
      error: "invalid_request",
      error_description: "Client is not active",
      errors: [
        "client_id is unknown",
        { defaultMessage: "must not be blank", field: "client_name" },
      ],
    },
  },
  errorAnswer(
    "spring-default",
    "/api/v1/clients/spring-default",
    "Required parameter 'scope' is not present.",
  ),
  {
    method: "GET",
    path: "/api/v1/clients/problem-details",
    status: 409,
    body: {
      type: "about:blank",
      title: "Conflict",
      status: 409,
      detail: "Scope digdir:demo.read already exists",
      instance: "/api/v1/clients/problem-details",
    },
  },
  {
    method: "GET",
    path: "/api/v1/clients/gateway-json",
    status: 500,
    body: { error: { code: "InternalServerError", message: "Backend call failed" } },
  },
  errorAnswer("plain-text", "/api/v1/clients/plain-text", "Client   id\nmust be a UUID"),
  errorAnswer("nginx-502", "/api/v1/clients/nginx"),
  {
    method: "GET",
    path: "/api/v1/clients/html-unlabelled",
    status: 504,
    text: "<!DOCTYPE html><html><body><h1>Gateway &amp; proxy timeout</h1><p>x</p></body></html>",
  },
  {
    method: "GET",
    path: "/api/v1/clients/long-text",
    status: 500,
    text: `java.lang.NullPointerException ${"at no.digdir.Thing(Thing.java:1) ".repeat(200)}`,
    contentType: "text/plain",
  },
  { method: "GET", path: "/api/v1/clients/empty", status: 500, text: "" },
  {
    method: "GET",
    path: "/api/v1/clients/bare-list",
    status: 400,
    body: [
      { field: "client_name", defaultMessage: "must not be blank" },
      { field: "scopes", defaultMessage: "must not be empty" },
    ],
  },
  {
    method: "GET",
    path: "/api/v1/prefix",
    status: 400,
    body: {
      timestamp: "2025-07-02T08:30:00.000+00:00",
      status: 400,
      error: "Bad Request",
      message: "Organization 991825827 does not have any prefixes",
    },
  },
  {
    method: "GET",
    path: "/api/v1/scopes",
    status: 404,
    text: "Organization does not have any scopes",
    contentType: "text/plain",
  },
];

let replay: RunningReplayServer;
let api: SelfServiceClient;

beforeAll(async () => {
  // The token endpoint as recorded; every self-service answer is one of the above.
  const token = recordedAnswers().filter((answer) => answer.path === "/token");
  replay = await startReplayServer({ answers: [...token, ...answers] });
  api = await replayClient(replay.url, { retries: 0 });
});
afterAll(() => replay?.close());

async function failure(clientId: string): Promise<MaskinportenError> {
  const error = await api.getClient(clientId).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MaskinportenError);
  return error as MaskinportenError;
}

describe("error answers are explained with the words they carry", () => {
  it("Digdir's body with members of other types: not ignored as a whole", async () => {
    const error = await failure("digdir-odd-members");
    expect(error).toMatchObject({
      status: 400,
      code: "invalid_request",
      correlationId: "b496e785-odd",
    });
    expect(error.explained?.params).toMatchObject({ digdir: "Client is not active" });
    expect(error.explanation).toContain('Digdir said: "Client is not active"');
    expect(error.fieldErrors).toEqual([
      { field: undefined, message: "client_id is unknown" },
      { field: "client_name", message: "must not be blank" },
    ]);
  });

  it.each([
    ["spring-default", "Required parameter 'scope' is not present."],
    ["problem-details", "Scope digdir:demo.read already exists"],
    ["gateway-json", "Backend call failed"],
    ["plain-text", "Client id must be a UUID"],
    ["nginx", "502 Bad Gateway"],
    ["html-unlabelled", "Gateway & proxy timeout"],
  ])("%s", async (clientId, said) => {
    const error = await failure(clientId);
    expect(error.explained?.params?.digdir).toBe(said);
    expect(error.explanation).toContain(said);
    expect(error.message).toContain(said);
    expect(error.explanation).not.toMatch(/<[a-z]/i);
  });

  it("a bare list of field errors: each kept, the first said", async () => {
    const error = await failure("bare-list");
    expect(error.explained?.params?.digdir).toBe("must not be blank");
    expect(error.fieldErrors).toEqual([
      { field: "client_name", message: "must not be blank" },
      { field: "scopes", message: "must not be empty" },
    ]);
  });

  it("a long text is cut to a readable length; an empty body says nothing more", async () => {
    const long = await failure("long-text");
    const said = String(long.explained?.params?.digdir);
    expect(said.startsWith("java.lang.NullPointerException at no.digdir.Thing")).toBe(true);
    expect(said.length).toBeLessThanOrEqual(MAX_ERROR_WORDS);
    const empty = await failure("empty");
    expect(empty.explained?.params?.digdir).toBe("none");
    expect(empty.status).toBe(500);
  });

  it('"does not have any" in whichever member or shape it comes is an empty list', async () => {
    expect(await api.listPrefixes()).toEqual([]);
    expect(await api.listScopes()).toEqual([]);
  });

  it('"does not have any" from a 401, 403 or 429 is a refusal, not an empty list', async () => {
    for (const status of [401, 403, 429]) {
      replay.answers.unshift({
        method: "GET",
        path: "/api/v1/clients",
        status,
        body: {
          error: "access_denied",
          error_description: "Client does not have any of the required scopes",
        },
      });
      try {
        const error = await api.listClients().then(
          (rows) => rows,
          (caught: unknown) => caught,
        );
        expect(error, String(status)).toBeInstanceOf(MaskinportenError);
        expect((error as MaskinportenError).status).toBe(status);
      } finally {
        replay.answers.shift();
      }
    }
  });
});
