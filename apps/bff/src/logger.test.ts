import pino from "pino";
import { describe, expect, it } from "vitest";
import { accessLineLogger, createLogger, isoTime } from "./logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    stream: { write: (line: string) => void lines.push(JSON.parse(line)) },
  };
}

describe("isoTime", () => {
  it("writes what pino's isoTime writes, and a new text when the millisecond changes", () => {
    const before = Date.now();
    const ours = isoTime();
    const theirs = pino.stdTimeFunctions.isoTime();
    // Both read the clock; only within the same millisecond are the two texts equal.
    if (Date.now() === before) expect(ours).toBe(theirs);
    expect(ours).toMatch(/^,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
    expect(Date.parse(JSON.parse(`{${ours.slice(1)}}`).time)).toBeGreaterThanOrEqual(before);
    const first = isoTime();
    // Wait for the clock's next millisecond (a condition, not a fixed time).
    const at = Date.now();
    while (Date.now() === at) {}
    expect(isoTime()).not.toBe(first);
  });
});

describe("accessLineLogger", () => {
  it("writes the access line with the logger's own fields, level and timestamp", () => {
    const { lines, stream } = capture();
    const logger = createLogger("info", stream);
    accessLineLogger(logger).info({ method: "GET", path: "/api/envs", status: 200 }, "request");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      service: "portvakt-bff",
      method: "GET",
      path: "/api/envs",
      status: 200,
      msg: "request",
    });
    expect(Date.parse(lines[0]!.time as string)).not.toBeNaN();
  });

  it("follows the logger's level", () => {
    const { lines, stream } = capture();
    accessLineLogger(createLogger("warn", stream)).info({ status: 200 }, "request");
    expect(lines).toHaveLength(0);
  });

  it("leaves the logger's own redaction in place for everything else", () => {
    const { lines, stream } = capture();
    const logger = createLogger("info", stream);
    accessLineLogger(logger);
    logger.info({ req: { headers: { cookie: "pv_session=s3cret" } }, password: "hunter2" }, "oops");
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain("hunter2");
    expect(text).toContain("[redacted]");
  });
});
