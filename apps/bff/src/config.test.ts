import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseConfig } from "./config";

const testEnv = {
  id: "test",
  kind: "test",
  preset: "test",
  clientId: "0b7c-admin",
  adminScopes: ["idporten:scopes.write", "idporten:dcr.write"],
  credential: { type: "pkcs12", path: "/run/secrets/virksomhet.p12", passwordEnv: "P12_PASSWORD" },
};

const auth = {
  issuer: "https://login.example.no/",
  clientId: "portvakt",
  roles: { "*": { admin: ["portvakt-admin"] } },
  sessionSecretFile: "/run/secrets/session-secret",
};

function messageOf(input: unknown): string {
  try {
    parseConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("configuration", () => {
  it("fills Digdir's test endpoints from the preset", () => {
    const config = parseConfig({ auth, environments: [testEnv] });
    expect(config.environments[0]).toMatchObject({
      issuer: "https://test.maskinporten.no/",
      apiBaseUrl: "https://api.test.samarbeid.digdir.no",
      label: "test",
    });
    expect(config.port).toBe(7401);
  });

  it("fills prod from its preset", () => {
    const config = parseConfig({
      auth,
      environments: [{ ...testEnv, id: "prod", kind: "prod", preset: "prod" }],
    });
    expect(config.environments[0]?.issuer).toBe("https://maskinporten.no/");
  });

  it("refuses a password written inline", () => {
    expect(
      messageOf({
        environments: [{ ...testEnv, credential: { ...testEnv.credential, password: "hemmelig" } }],
      }),
    ).toMatch(/environments\.0\.credential/);
  });

  it("refuses a pkcs12 credential without a password source", () => {
    expect(
      messageOf({
        auth,
        environments: [{ ...testEnv, credential: { type: "pkcs12", path: "/x.p12" } }],
      }),
    ).toMatch(/passwordEnv.*passwordFile/);
  });

  it("refuses an environment with neither preset nor URLs", () => {
    const { preset: _preset, ...noPreset } = testEnv;
    expect(messageOf({ auth, environments: [noPreset] })).toMatch(/Set "preset"/);
  });

  it("refuses plain http unless allowed, and an issuer without trailing slash", () => {
    const insecure = {
      ...testEnv,
      preset: undefined,
      issuer: "http://localhost:7410",
      apiBaseUrl: "http://localhost:7410",
    };
    const message = messageOf({ auth, environments: [insecure] });
    expect(message).toMatch(/issuer must be https/);
    expect(message).toMatch(/ends with "\/"/);
    expect(
      parseConfig({
        auth,
        environments: [{ ...insecure, issuer: "http://localhost:7410/", allowInsecureHttp: true }],
      }).environments[0]?.apiBaseUrl,
    ).toBe("http://localhost:7410");
  });

  it("refuses unknown admin scopes, duplicate ids and no environments", () => {
    expect(
      messageOf({ auth, environments: [{ ...testEnv, adminScopes: ["idporten:everything"] }] }),
    ).toMatch(/adminScopes\.0/);
    expect(messageOf({ auth, environments: [testEnv, testEnv] })).toMatch(/appears twice/);
    expect(messageOf({ auth, environments: [] })).toMatch(/at least one environment/);
  });

  it("refuses sign-in without a session secret or over plain http", () => {
    const { sessionSecretFile: _s, ...noSecret } = auth;
    expect(messageOf({ auth: noSecret, environments: [testEnv] })).toMatch(
      /sessionSecretEnv or sessionSecretFile/,
    );
    expect(
      messageOf({ auth: { ...auth, issuer: "http://login.example.no/" }, environments: [testEnv] }),
    ).toMatch(/auth.issuer must be https/);
  });

  it("reads PORTVAKT_CONFIG and lets PORT override the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "portvakt-config-"));
    const file = join(dir, "portvakt.json");
    writeFileSync(file, JSON.stringify({ port: 8000, auth, environments: [testEnv] }));
    expect(loadConfig({ PORTVAKT_CONFIG: file, PORT: "9000" }).port).toBe(9000);
    expect(() => loadConfig({})).toThrow(/PORTVAKT_CONFIG is not set/);
    expect(() => loadConfig({ PORTVAKT_CONFIG: join(dir, "missing.json") })).toThrow(/Cannot read/);
  });

  it("names the environment variable a bad setting came from, never a database URL's value", () => {
    const dir = mkdtempSync(join(tmpdir(), "portvakt-config-"));
    const file = join(dir, "portvakt.json");
    writeFileSync(file, JSON.stringify({ auth, environments: [testEnv] }));
    const messageFor = (env: Record<string, string>) => {
      try {
        loadConfig({ PORTVAKT_CONFIG: file, ...env });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error("no error");
    };
    expect(messageFor({ PORT: "eighty" })).toMatch(/port \(environment variable PORT\): /);
    expect(messageFor({ METRICS_ENABLED: "ja" })).toMatch(
      /metricsEnabled \(environment variable METRICS_ENABLED\): /,
    );
    expect(messageFor({ PORTVAKT_ALERT_LANGUAGE: "de" })).toMatch(
      /alerts.language \(environment variable PORTVAKT_ALERT_LANGUAGE\): /,
    );
    // A misspelt scheme once fell back to SQLite without a word: each instance its own store.
    for (const url of ["postgress://portvakt:hemmelig@db/portvakt", "mysql://u:hemmelig@db/p"]) {
      const message = messageFor({ DATABASE_URL: url });
      expect(message).toMatch(
        /databaseUrl \(environment variable DATABASE_URL\): must be a PostgreSQL URL/,
      );
      expect(message).not.toContain("hemmelig");
    }
    expect(
      loadConfig({ PORTVAKT_CONFIG: file, DATABASE_URL: "PostgreSQL://db/p" }).databaseUrl,
    ).toBe("PostgreSQL://db/p");
    for (const [text, on] of [
      ["TRUE", true],
      ["1", true],
      ["False", false],
    ] as const) {
      expect(loadConfig({ PORTVAKT_CONFIG: file, METRICS_ENABLED: text }).metricsEnabled).toBe(on);
    }
  });

  it("says a configuration file that is no JSON object is none, with PORTVAKT_ALERT_LANGUAGE too", () => {
    const dir = mkdtempSync(join(tmpdir(), "portvakt-config-"));
    for (const text of ["null", "[]", '"portvakt"']) {
      const file = join(dir, "portvakt.json");
      writeFileSync(file, text);
      expect(() => loadConfig({ PORTVAKT_CONFIG: file, PORTVAKT_ALERT_LANGUAGE: "nb" })).toThrow(
        /must be a JSON object/,
      );
    }
  });
});
