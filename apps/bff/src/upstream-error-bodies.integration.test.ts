import {
  errorAnswer,
  type RecordedAnswer,
  type RunningReplayServer,
  recordedAnswers,
  startReplayServer,
} from "@portvakt/maskinporten/replay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./testing/stack";

// Error answers in the shapes met in practice, served by the recording server (not the
// simulator), read through the BFF over HTTP: the problem names the words the answer carried,
// in `detail` (English) and as the quoted `digdir` parameter the page renders in its language.
const answers: RecordedAnswer[] = [
  ...recordedAnswers().filter((answer) => answer.path === "/token"),
  errorAnswer("nginx-502", "/api/v1/clients/behind-nginx"),
  errorAnswer("spring-default", "/api/v1/clients/spring-default", "Client id has the wrong format"),
  errorAnswer("plain-text", "/api/v1/clients/plain-text", "No client with that id", 404),
];

let replay: RunningReplayServer;
let stack: TestStack;

beforeAll(async () => {
  replay = await startReplayServer({ answers });
  stack = await startTestStack({
    upstream: { issuer: `${replay.url}/`, apiBaseUrl: replay.url },
  });
}, 60_000);
afterAll(async () => {
  await stack?.close();
  await replay?.close();
});

type Problem = { status: number; detail: string; code: string; params?: { digdir?: string } };

describe("the BFF explains an error answer with the words it carries", () => {
  it.each([
    ["behind-nginx", 502, "upstream.unavailable", "502 Bad Gateway"],
    ["spring-default", 400, "upstream.400", "Client id has the wrong format"],
    ["plain-text", 404, "upstream.404", "No client with that id"],
  ])("%s", async (id, status, code, said) => {
    const response = await stack.api(`/api/envs/demo/clients/${id}`);
    expect(response.status).toBe(status);
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe(code);
    expect(problem.params?.digdir).toBe(said);
    expect(problem.detail).toContain(said);
    expect(problem.detail).not.toMatch(/<[a-z]/i);
  });
});
