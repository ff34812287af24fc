import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatMessage, LANGS, messageTableProblems } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import { alertMessages, NOTICE_CODES } from "./messages";
import { localize, noticeBody, noticeTitle } from "./notify";

// Every notice exists in nb, nn and en (issue 18 #1, docs/i18n.md): a code without a text or a
// title in any language fails here, as does a text that is not ICU or uses other parameters.

/** Parameters of each code, as the watchers give them. */
const SAMPLES: Record<(typeof NOTICE_CODES)[number], Record<string, string | number>> = {
  "alert.key-expiry.client": {
    env: "test",
    kid: "k-1",
    client: "Pensjon (c-1)",
    client_id: "c-1",
    expires_at: "2027-01-31T00:00:00.000Z",
    days_left: 14,
    state: "expiring",
  },
  "alert.key-expiry.certificate": {
    env: "prod",
    expires_at: "2027-01-31T00:00:00.000Z",
    days_left: 1,
    state: "expiring",
  },
  "alert.key-expiry.own-key": {
    env: "prod",
    kid: "admin-1",
    client_id: "admin-client",
    expires_at: "2027-01-31T00:00:00.000Z",
    days_left: 0,
    state: "expired",
  },
  "alert.access.revoked": {
    env: "test",
    scope: "nav:pensjon.read",
    owner_orgno: "889640782",
    clients: "Pensjon (c-1)",
    client_count: 1,
  },
  "alert.access.scope-inactive": {
    env: "test",
    scope: "nav:pensjon.read",
    owner_orgno: "unknown",
    clients: "",
    client_count: 0,
  },
  "alert.drift": {
    env: "prod",
    document: "/etc/portvakt/prod.yaml",
    steps: 2,
    kinds: "2 scope.update",
  },
};

describe("notice texts", () => {
  it("the table is sound: every code in nb, nn and en, valid ICU, the same parameters", () => {
    expect(messageTableProblems(alertMessages)).toEqual([]);
  });

  it("every notice code has a text and a title in every language, each rendering its parameters", () => {
    for (const code of NOTICE_CODES) {
      for (const lang of LANGS) {
        for (const key of [code, `${code}.title`] as const) {
          const template = alertMessages[lang][key];
          expect(typeof template === "string" && template.trim() !== "", `${key} (${lang})`).toBe(
            true,
          );
          const text = formatMessage(template, lang, SAMPLES[code]);
          expect(text, `${key} (${lang})`).not.toMatch(/[{}]/);
          const named = SAMPLES[code].env ?? SAMPLES[code].scope;
          expect(text, `${key} (${lang})`).toContain(String(named));
        }
      }
    }
  });

  it("nb and nn are translations, not English; nn is nynorsk", () => {
    const bokmaalOnly = /\b(ikke|hva|noe|noen|fra|bare|nøkler|klienter|dager|utløper|ble)\b/i;
    for (const code of NOTICE_CODES) {
      const en = formatMessage(alertMessages.en[code], "en", SAMPLES[code]);
      const nb = formatMessage(alertMessages.nb[code], "nb", SAMPLES[code]);
      const nn = formatMessage(alertMessages.nn[code], "nn", SAMPLES[code]);
      expect(nb, code).not.toBe(en);
      expect(nn, code).not.toBe(en);
      expect(nn, code).not.toMatch(bokmaalOnly);
    }
  });

  it("a notice is put in the channel's language; chat cards and subjects get its title", () => {
    const draft = {
      type: "portvakt.key-expiry",
      code: "alert.key-expiry.client" as const,
      params: SAMPLES["alert.key-expiry.client"],
    };
    expect(localize(draft, "en").text).toBe(
      "Key k-1 of client Pensjon (c-1) in environment test expires in 14 days (2027-01-31T00:00:00.000Z).",
    );
    expect(localize(draft, "nb").text).toBe(
      "Nøkkel k-1 for klienten Pensjon (c-1) i miljøet test utløper om 14 dager (2027-01-31T00:00:00.000Z).",
    );
    const nn = localize(draft, "nn");
    expect(nn).toMatchObject({ language: "nn", code: "alert.key-expiry.client" });
    expect(nn.text).toContain("går ut om 14 dagar");
    expect(noticeTitle(nn)).toBe("Portvakt: nøkkel k-1 går ut om 14 dagar (test)");
    expect(noticeBody(nn, "teams")).toMatchObject({
      title: "Portvakt: nøkkel k-1 går ut om 14 dagar (test)",
      text: nn.text,
    });
    expect(noticeBody(nn, "slack")).toEqual({ text: `:warning: ${nn.text}` });
    // The generic JSON keeps the code and parameters beside the words.
    expect(noticeBody(nn, "json")).toEqual({ ...draft, language: "nn", text: nn.text });
  });
});

describe("the notices' language setting", () => {
  const dir = mkdtempSync(join(tmpdir(), "portvakt-alert-language-"));
  const file = join(dir, "portvakt.json");
  const base = {
    auth: {
      issuer: "https://login.portvakt.test/",
      clientId: "portvakt",
      roles: { "*": { admin: ["portvakt-admin"] } },
      sessionSecretFile: join(dir, "session-secret"),
    },
    environments: [
      {
        id: "test",
        kind: "test",
        preset: "test",
        clientId: "admin",
        adminScopes: ["idporten:scopes.read"],
        credential: { type: "jwk", path: join(dir, "key.json") },
      },
    ],
  };
  const load = (alerts: object | undefined, env: NodeJS.ProcessEnv = {}) => {
    writeFileSync(file, JSON.stringify({ ...base, ...(alerts ? { alerts } : {}) }));
    return loadConfig({ PORTVAKT_CONFIG: file, ...env }).alerts;
  };

  it("is English unless set; PORTVAKT_ALERT_LANGUAGE wins over the file; a channel may have its own", () => {
    try {
      expect(load(undefined).language).toBe("en");
      expect(load({ language: "nb" }).language).toBe("nb");
      expect(load(undefined, { PORTVAKT_ALERT_LANGUAGE: "nn" }).language).toBe("nn");
      expect(load({ language: "nb" }, { PORTVAKT_ALERT_LANGUAGE: "en" }).language).toBe("en");
      const alerts = load({
        webhooks: [{ url: "http://127.0.0.1:2/hook", format: "slack", language: "nn" }],
      });
      expect(alerts.webhooks[0]).toMatchObject({ language: "nn" });
      expect(() => load(undefined, { PORTVAKT_ALERT_LANGUAGE: "sv" })).toThrow(/alerts\.language/);
      expect(() =>
        load({ webhooks: [{ url: "http://127.0.0.1:2/hook", language: "de" }] }),
      ).toThrow(/alerts\.webhooks\.0\.language/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
