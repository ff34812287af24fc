import { describe, expect, it } from "vitest";
import { main } from "./main";

// The CLI's BFF credentials (issue 18 #4) from the environment: a mangled pipeline token or
// cookie is refused by name before any request, and its value never reaches the output (fetch's
// own error for a bad header value quotes the value whole).

const SECRET = "pvt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

async function portvakt(env: Record<string, string>) {
  const output = { stdout: "", stderr: "" };
  const sink = (name: "stdout" | "stderr") =>
    ({
      isTTY: false,
      write(chunk: string | Uint8Array) {
        output[name] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        return true;
      },
    }) as unknown as NodeJS.WriteStream;
  // Port 9 (discard): nothing answers there, and nothing may be sent.
  const code = await main(["export", "--bff", "http://127.0.0.1:9", "--env", "demo"], {
    stdout: sink("stdout"),
    stderr: sink("stderr"),
    stdin: { isTTY: false } as unknown as NodeJS.ReadStream,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return { code, ...output };
}

describe("the CLI's BFF credentials", () => {
  it.each([
    ["a line break inside", `${SECRET}\nsecond-line`],
    ["two tokens pasted", `${SECRET} ${SECRET}`],
    ["a non-ASCII letter", `${SECRET.slice(0, -1)}æ`],
    ["a cut-off token", SECRET.slice(0, 20)],
  ])("a token with %s is refused by name, its value never shown", async (_, token) => {
    const run = await portvakt({ PORTVAKT_BFF_TOKEN: token });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("PORTVAKT_BFF_TOKEN is not one pipeline token");
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET.slice(4, 24));
  });

  it("a cookie with a line break is refused by name, its value never shown", async () => {
    const run = await portvakt({ PORTVAKT_BFF_COOKIE: "portvakt-session=sEcReTsEsSiOn\nx=y" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("PORTVAKT_BFF_COOKIE holds a line break");
    expect(`${run.stdout}${run.stderr}`).not.toContain("sEcReTsEsSiOn");
  });

  it("a token with a trailing line break (as a secret store keeps it) is read, and sent", async () => {
    const run = await portvakt({ PORTVAKT_BFF_TOKEN: `${SECRET}\n` });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain("PORTVAKT_BFF_TOKEN");
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET.slice(4, 24));
  });
});
