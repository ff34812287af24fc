import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { X509CertificateGenerator } from "@peculiar/x509";
import { LANGS, messageTableProblems } from "@portvakt/contracts";
import { maskinportenRulesMessages } from "@portvakt/maskinporten-rules";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { type Diagnosis, type DiagnosisContext, diagnose, diagnosisMessages } from "./index";

const ISSUER = "https://test.maskinporten.no/";
const NOW = 1_760_000_000;
const CLIENT_ID = "0f9e8d7c-1111-4222-8333-444455556666";

const context: DiagnosisContext = {
  environment: { issuer: ISSUER, kind: "test" },
  client: {
    client_id: CLIENT_ID,
    scopes: ["digdir:demo.read", "nav:pensjon/v3/alderspensjon"],
    keys: [
      { kid: "klient-2025-01-01", exp: NOW + 200 * 86_400 },
      { kid: "klient-gammel", exp: NOW - 60 },
      { kid: "klient-snart", exp: NOW + 5 * 86_400 },
    ],
  },
  grantedScopes: ["digdir:demo.read", "digdir:åpne.data"],
  now: () => NOW * 1000,
};
const noKeys = { ...context, client: { ...context.client!, keys: [], hasKeys: false } };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A grant with a signature that is not checked (the context has no public keys). */
function grant(header: Record<string, unknown> = {}, claims: Record<string, unknown> = {}): string {
  const fullClaims: Record<string, unknown> = {
    aud: ISSUER,
    iss: CLIENT_ID,
    scope: "digdir:demo.read",
    iat: NOW,
    exp: NOW + 120,
    jti: "5f0c6f0e-1b7a-4d7b-9a2c-1c2d3e4f5a6b",
    ...claims,
  };
  for (const [name, value] of Object.entries(fullClaims)) {
    if (value === undefined) delete fullClaims[name];
  }
  return `${b64({ alg: "RS256", kid: "klient-2025-01-01", ...header })}.${b64(fullClaims)}.c2ln`;
}

async function failed(input: string, ctx: DiagnosisContext = context) {
  const result = await diagnose(input, ctx);
  const errors = result.checks.filter((c) => !c.ok && c.severity === "error");
  return { result, rules: errors.map((c) => c.rule), codes: errors.map((c) => c.mpCode) };
}

const check = (result: Diagnosis, rule: string) => result.checks.find((c) => c.rule === rule);

describe("a JWT grant", () => {
  it("passes every rule when it is right, each with a code and parameters", async () => {
    const { result, rules } = await failed(grant());
    expect(result.kind).toBe("grant");
    expect(rules).toEqual([]);
    expect(result.summaryCode).toBe("diagnosis.summary.grant.ok");
    expect(result.claims).toMatchObject({ iss: CLIENT_ID, aud: ISSUER });
    expect(result.checks.map((c) => c.rule)).toEqual(
      expect.arrayContaining([
        "header.alg",
        "header.kid.known",
        "claims.allowed",
        "claims.required",
        "claims.aud",
        "claims.lifetime",
        "claims.iat",
        "claims.jti",
        "scope.client",
        "scope.granted",
      ]),
    );
    expect(check(result, "claims.aud")).toMatchObject({
      code: "diagnosis.claims.aud.ok",
      params: { aud: ISSUER, issuer: ISSUER },
    });
  });

  it("reads a real signed grant, also from a form body, behind Bearer or in quotes", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const jwt = await new SignJWT({ scope: "digdir:demo.read" })
      .setProtectedHeader({ alg: "RS256", kid: "klient-2025-01-01" })
      .setAudience(ISSUER)
      .setIssuer(CLIENT_ID)
      .setIssuedAt(NOW)
      .setExpirationTime(NOW + 60)
      .setJti("abc")
      .sign(privateKey);
    expect((await failed(jwt)).rules).toEqual([]);
    const form = `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${jwt}`;
    expect((await failed(form)).result.kind).toBe("grant");
    expect((await failed(`  "${jwt}"\n`)).rules).toEqual([]);
    expect((await failed(`Bearer ${jwt}`)).result.kind).toBe("grant");
  });

  it("says 'remove the line break' for a grant pasted with one, not 'bad signature'", async () => {
    const jwt = grant();
    const broken = `${jwt.slice(0, 40)}\n${jwt.slice(40, 90)}\r\n${jwt.slice(90)}`;
    const { result, rules, codes } = await failed(broken);
    expect(result.kind).toBe("grant");
    expect(rules).toEqual(["input.linebreak"]);
    expect(codes).toEqual(["MP-011"]);
    expect(check(result, "input.linebreak")).toMatchObject({
      code: "diagnosis.input.linebreak",
      params: { count: 2 },
      fix: expect.stringMatching(/^Remove the line break/),
    });
    expect(
      result.checks.some((c) => c.rule === "signature" && !c.ok && c.severity === "error"),
    ).toBe(false);
  });

  it("names the token endpoint URL in aud (MP-110)", async () => {
    const { result, codes } = await failed(grant({}, { aud: `${ISSUER}token` }));
    expect(check(result, "claims.aud")).toMatchObject({
      ok: false,
      code: "diagnosis.claims.aud.token-endpoint",
      message: expect.stringMatching(/token endpoint URL/),
      fix: expect.stringContaining(ISSUER),
    });
    expect(codes).toEqual(["MP-110"]);
    expect(result.mpCode).toBe("MP-110");
    expect(result).toMatchObject({
      summaryCode: "diagnosis.summary.grant.fails-mp",
      summaryParams: { count: 1, mpCode: "MP-110" },
    });
  });

  it("refuses aud of another environment, without the slash, or as an array", async () => {
    expect(
      check((await failed(grant({}, { aud: "https://maskinporten.no/" }))).result, "claims.aud"),
    ).toMatchObject({
      code: "diagnosis.claims.aud.other",
      message: expect.stringMatching(/another environment/),
    });
    expect(
      check((await failed(grant({}, { aud: ISSUER.slice(0, -1) }))).result, "claims.aud"),
    ).toMatchObject({
      code: "diagnosis.claims.aud.slash",
      message: expect.stringMatching(/trailing slash/),
    });
    expect((await failed(grant({}, { aud: [ISSUER] }))).codes).toContain("MP-110");
  });

  it("refuses a lifetime over 120 s and names it precisely: the docs' rule, seen accepted (MP-130)", async () => {
    const { rules, codes, result } = await failed(grant({}, { exp: NOW + 300 }));
    expect(rules).toEqual(["claims.lifetime"]);
    expect(codes).toEqual(["MP-130"]);
    expect(check(result, "claims.lifetime")).toMatchObject({
      code: "diagnosis.claims.lifetime.over",
      params: { lifetime: 300, max: 120 },
      message: expect.stringMatching(/documentation allows at most 120 s.*seen to accept/),
    });
    expect((await failed(grant({}, { exp: NOW + 120 }))).rules).toEqual([]);
    expect((await failed(grant({}, { exp: NOW }))).rules).toContain("claims.lifetime");
  });

  it("refuses an iat more than 10 s ahead (a clock ahead) and an expired grant (MP-130)", async () => {
    const ahead = await failed(grant({}, { iat: NOW + 11, exp: NOW + 60 }));
    expect(ahead.rules).toEqual(["claims.iat"]);
    expect(check(ahead.result, "claims.iat")?.code).toBe("diagnosis.claims.iat.ahead");
    expect((await failed(grant({}, { iat: NOW + 10, exp: NOW + 60 }))).rules).toEqual([]);
    const old = await failed(grant({}, { iat: NOW - 300, exp: NOW - 200 }));
    expect(old.rules).toEqual(["claims.exp"]);
    expect(old.codes).toEqual(["MP-130"]);
  });

  it("accepts an iat in the past while exp has not passed (a clock behind is fine)", async () => {
    const behind = await failed(grant({}, { iat: NOW - 100, exp: NOW + 20 }));
    expect(behind.rules).toEqual([]);
    expect(check(behind.result, "claims.iat")).toMatchObject({
      ok: true,
      code: "diagnosis.claims.iat.past",
      params: { seconds: 100 },
    });
  });

  it("refuses times in milliseconds or as strings (MP-011)", async () => {
    expect((await failed(grant({}, { iat: String(NOW) }))).rules).toEqual(["claims.times"]);
    expect((await failed(grant({}, { iat: NOW * 1000 + 0.5 }))).codes).toContain("MP-011");
  });

  it("refuses x5c as a plain string (MP-123)", async () => {
    const { rules, codes, result } = await failed(
      grant({ kid: undefined, x5c: "MIIBIjANBg" }),
      noKeys,
    );
    expect(rules).toEqual(["header.x5c"]);
    expect(codes).toEqual(["MP-123"]);
    expect(check(result, "header.x5c")?.message).toMatch(/plain string/);
    // An array of base64 that is no certificate: the shape passes, the certificate cannot be read.
    const notACertificate = await failed(grant({ kid: undefined, x5c: ["MIIBIjANBg=="] }), noKeys);
    expect(notACertificate.rules).toEqual(["signature"]);
    expect(notACertificate.codes).toEqual(["MP-123"]);
  });

  it("requires kid when the client has keys, and a key at all (MP-123)", async () => {
    const x5c = await failed(grant({ kid: undefined, x5c: ["MIIB"] }));
    expect(x5c.rules).toEqual(["header.kid.required"]);
    expect(x5c.codes).toEqual(["MP-123"]);
    expect((await failed(grant({ kid: undefined }))).rules).toEqual([
      "header.key",
      "header.kid.required",
    ]);
  });

  it("names an unknown (e.g. removed) kid (MP-124)", async () => {
    const { rules, codes, result } = await failed(grant({ kid: "fjernet-2024" }));
    expect(rules).toEqual(["header.kid.known"]);
    expect(codes).toEqual(["MP-124"]);
    expect(check(result, "header.kid.known")).toMatchObject({
      code: "diagnosis.header.kid.unknown",
      params: { kid: "fjernet-2024" },
      message: expect.stringMatching(/"fjernet-2024" is not registered/),
    });
  });

  it("names an expired key (MP-121) and warns of one expiring within 30 days", async () => {
    expect((await failed(grant({ kid: "klient-gammel" }))).codes).toEqual(["MP-121"]);
    const soon = await diagnose(grant({ kid: "klient-snart" }), context);
    expect(check(soon, "header.kid.expiring")).toMatchObject({
      ok: false,
      severity: "warning",
      params: { kid: "klient-snart", days: 5 },
    });
  });

  it("refuses algorithms other than RS256/384/512 (MP-011)", async () => {
    expect((await failed(grant({ alg: "HS256" }))).rules).toEqual(["header.alg"]);
    expect((await failed(grant({ alg: "ES256" }))).codes).toEqual(["MP-011"]);
    expect((await failed(grant({ alg: "RS512" }))).rules).toEqual([]);
  });

  it("refuses claims outside the allowed set, and accepts the optional ones (pid too)", async () => {
    const { rules, result } = await failed(grant({}, { sub: "x", nbf: NOW }));
    expect(rules).toEqual(["claims.allowed"]);
    expect(check(result, "claims.allowed")).toMatchObject({ params: { claims: "sub, nbf" } });
    const optional = await failed(
      grant(
        {},
        { resource: ["https://api.example/"], pid: "12345678901", consumer_org: "889640782" },
      ),
    );
    expect(optional.rules).toEqual([]);
    expect(check(optional.result, "claims.resource")?.message).toMatch(/aud will be https:\/\/api/);
    expect(check(optional.result, "claims.consumer_org")?.message).toMatch(/MP-251/);
    expect((await failed(grant({}, { consumer_org: 889640782 }))).rules).toEqual([
      "claims.consumer_org",
    ]);
  });

  it("flags consumer_org put in the header instead of the claims", async () => {
    const { rules, result } = await failed(grant({ consumer_org: "889640782" }));
    expect(rules).toEqual(["header.consumer_org"]);
    expect(check(result, "header.consumer_org")?.fix).toMatch(/into the grant's claims/);
  });

  it("warns of a missing jti (recommended, not required) and refuses a missing required claim", async () => {
    const noJti = await failed(grant({}, { jti: undefined }));
    expect(noJti.rules).toEqual([]);
    expect(check(noJti.result, "claims.jti")).toMatchObject({
      ok: false,
      severity: "warning",
      code: "diagnosis.claims.jti.missing",
    });
    const noAud = await failed(grant({}, { aud: undefined }));
    expect(noAud.rules).toEqual(["claims.required"]);
    expect(noAud.codes).toEqual(["MP-011"]);
  });

  it("checks iss against the chosen client (MP-100)", async () => {
    expect((await failed(grant({}, { iss: "another-client" }))).codes).toEqual(["MP-100"]);
  });

  it("refuses a scope not on the client (MP-200) and one not granted (MP-250)", async () => {
    const notOnClient = await failed(grant({}, { scope: "digdir:åpne.data" }));
    expect(notOnClient.rules).toEqual(["scope.client"]);
    expect(notOnClient.codes).toEqual(["MP-200"]);
    const notGranted = await failed(grant({}, { scope: "nav:pensjon/v3/alderspensjon" }));
    expect(notGranted.rules).toEqual(["scope.granted"]);
    expect(notGranted.codes).toEqual(["MP-250"]);
    expect((await failed(grant({}, { scope: "" }))).codes).toContain("MP-200");
    expect((await failed(grant({}, { scope: ["digdir:demo.read"] }))).codes).toContain("MP-011");
  });

  it("checks only what it can without a context, and says the signature was not checked", async () => {
    const result = await diagnose(grant({ kid: "anything" }, { aud: "https://x/" }), {
      now: () => NOW * 1000,
    });
    expect(result.checks.filter((c) => !c.ok && c.severity !== "info")).toEqual([]);
    expect(check(result, "signature")?.code).toBe("diagnosis.signature.unchecked-unknown");
  });
});

describe("the grant's signature (MP-124)", () => {
  let registered: CryptoKeyPair;
  let other: CryptoKeyPair;
  let certificate: string;
  const signed = (
    key: CryptoKey,
    header: Record<string, unknown>,
    claims: Record<string, unknown> = {},
  ) =>
    new SignJWT({ scope: "digdir:demo.read", ...claims })
      .setProtectedHeader({ alg: "RS256", ...header })
      .setAudience(ISSUER)
      .setIssuer(CLIENT_ID)
      .setIssuedAt(NOW)
      .setExpirationTime(NOW + 60)
      .setJti("j")
      .sign(key);
  let keyed: DiagnosisContext;

  beforeAll(async () => {
    registered = await generateKeyPair("RS256", { extractable: true });
    other = await generateKeyPair("RS256", { extractable: true });
    const publicJwk = await exportJWK(registered.publicKey);
    keyed = {
      ...context,
      client: {
        ...context.client!,
        keys: [
          {
            kid: "klient-2025-01-01",
            exp: NOW + 200 * 86_400,
            jwk: { ...publicJwk, alg: "RS256" },
          },
        ],
      },
    };
    const cert = await X509CertificateGenerator.createSelfSigned(
      {
        name: "CN=Test, C=NO",
        notBefore: new Date((NOW - 86_400) * 1000),
        notAfter: new Date((NOW + 86_400) * 1000),
        signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
        keys: registered,
      },
      webcrypto as unknown as Crypto,
    );
    certificate = Buffer.from(cert.rawData).toString("base64");
  });

  it("verifies with the key registered under the kid", async () => {
    const { result, rules } = await failed(
      await signed(registered.privateKey, { kid: "klient-2025-01-01" }),
      keyed,
    );
    expect(rules).toEqual([]);
    expect(check(result, "signature")).toMatchObject({
      ok: true,
      code: "diagnosis.signature.ok-kid",
    });
  });

  it("names a grant signed with another key than the one its kid names at Digdir", async () => {
    const { result, rules, codes } = await failed(
      await signed(other.privateKey, { kid: "klient-2025-01-01" }),
      keyed,
    );
    expect(rules).toEqual(["signature"]);
    expect(codes).toEqual(["MP-124"]);
    expect(result.mpCode).toBe("MP-124");
    expect(check(result, "signature")).toMatchObject({
      code: "diagnosis.signature.kid-mismatch",
      params: { kid: "klient-2025-01-01" },
    });
  });

  it("verifies with the certificate in x5c, and names a grant signed with another key", async () => {
    const good = await failed(await signed(registered.privateKey, { x5c: [certificate] }), noKeys);
    expect(good.rules).toEqual([]);
    expect(check(good.result, "signature")?.code).toBe("diagnosis.signature.ok-x5c");
    const bad = await failed(await signed(other.privateKey, { x5c: [certificate] }), noKeys);
    expect(bad.rules).toEqual(["signature"]);
    expect(bad.codes).toEqual(["MP-124"]);
    expect(check(bad.result, "signature")?.code).toBe("diagnosis.signature.x5c-mismatch");
  });
});

describe("an access token", () => {
  const accessToken = (claims: Record<string, unknown>) =>
    `${b64({ alg: "RS256", kid: "sim" })}.${b64({
      iss: ISSUER,
      client_id: CLIENT_ID,
      client_amr: "private_key_jwt",
      consumer: { authority: "iso6523-actorid-upis", ID: "0192:991825827" },
      scope: "digdir:demo.read",
      token_type: "Bearer",
      iat: NOW - 10,
      exp: NOW + 110,
      jti: "x",
      ...claims,
    })}.c2ln`;

  it("is recognised and decoded, also inside a token response", async () => {
    const result = await diagnose(accessToken({}), context);
    expect(result.kind).toBe("access-token");
    expect(result.claims).toMatchObject({ client_id: CLIENT_ID });
    expect(check(result, "token.consumer")).toMatchObject({ params: { orgno: "991825827" } });
    const response = await diagnose(
      JSON.stringify({ access_token: accessToken({}), token_type: "Bearer", expires_in: 120 }),
      context,
    );
    expect(response.kind).toBe("token-response");
  });

  it("shows a delegated token's supplier and an audience-restricted token's aud", async () => {
    const result = await diagnose(
      accessToken({
        supplier: { authority: "iso6523-actorid-upis", ID: "0192:991825827" },
        consumer: { authority: "iso6523-actorid-upis", ID: "0192:910753614" },
        aud: "https://api.example/",
      }),
      context,
    );
    expect(check(result, "token.supplier")).toMatchObject({
      params: { supplier: "991825827", consumer: "910753614" },
    });
    expect(check(result, "token.aud")).toMatchObject({ params: { aud: "https://api.example/" } });
  });

  it("names an expired token, one from the other environment, and a non-admin client", async () => {
    const result = await diagnose(
      accessToken({ exp: NOW - 5, iss: "https://maskinporten.no/" }),
      context,
    );
    expect(result.checks.filter((c) => !c.ok).map((c) => c.rule)).toEqual([
      "token.iss",
      "token.exp",
      "token.admin",
    ]);
    expect(result.summaryCode).toBe("diagnosis.summary.access-token.refused");
  });
});

describe("an error response", () => {
  it("explains each MP code named by error_uri", async () => {
    for (const code of [
      "MP-011",
      "MP-012",
      "MP-100",
      "MP-110",
      "MP-120",
      "MP-121",
      "MP-122",
      "MP-123",
      "MP-124",
      "MP-130",
      "MP-200",
      "MP-201",
      "MP-250",
      "MP-251",
    ]) {
      const result = await diagnose(
        JSON.stringify({
          error: "invalid_grant",
          error_description: "Invalid assertion.",
          error_uri: `${ISSUER}errors/${code}`,
        }),
      );
      expect(result.kind).toBe("token-error");
      expect(result.mpCode).toBe(code);
      expect(result.checks[0]).toMatchObject({
        ok: false,
        mpCode: code,
        code: `token-error.${code.toLowerCase()}.cause`,
      });
      expect(result.checks[0]?.fix).toBeTruthy();
    }
  });

  it("explains Digdir's real body without error_uri from its wording (Expired key is MP-121)", async () => {
    const result = await diagnose(
      JSON.stringify({
        error: "invalid_grant",
        error_description: "Invalid assertion. Client authentication failed. Expired key",
      }),
    );
    expect(result.mpCode).toBe("MP-121");
    expect(result.checks[0]).toMatchObject({
      code: "token-error.mp-121.cause",
      message: expect.stringMatching(/registered on the client .* has expired/),
    });
    expect(result.summaryCode).toBe("diagnosis.summary.token-error-mp");
  });

  it("explains MP-250 without an error_uri, and says so when nothing is known", async () => {
    expect(
      (
        await diagnose(
          JSON.stringify({
            error: "forbidden",
            error_description: "Consumer has not been granted access to the scope difi:api3",
          }),
        )
      ).mpCode,
    ).toBe("MP-250");
    const unknown = await diagnose(
      JSON.stringify({ error: "invalid_grant", error_description: "?" }),
    );
    expect(unknown.checks[0]?.code).toBe("diagnosis.mp.unknown");
    expect(unknown.summaryCode).toBe("diagnosis.summary.token-error");
  });

  it("gives the likely cause of the self-service API's 401 and 403 (Digdir's FAQ)", async () => {
    const body = (status: number, description: string) =>
      JSON.stringify({
        status,
        timestamp: "2025-07-02T08:30:00.000Z",
        correlation_id: "b496e785",
        error: status === 401 ? "unauthorized" : "forbidden",
        error_description: description,
      });
    const code = async (text: string) => (await diagnose(text)).checks[0]?.code;
    expect(await code(body(401, "The access token has expired"))).toBe("faq.token-expired");
    expect(
      await code(body(401, "The access token was issued by another Maskinporten environment")),
    ).toBe("faq.token-environment");
    expect(
      await code(
        body(
          401,
          'The token\'s client "x" is not an admin client (the token has no idporten: admin scope)',
        ),
      ),
    ).toBe("faq.not-admin-client");
    expect(
      await code(body(401, "Full authentication is required: send Authorization: Bearer")),
    ).toBe("faq.token-missing");
    expect(await code(body(401, "Unauthorized"))).toBe("faq.unknown");
    const forbidden = await diagnose(
      body(
        403,
        "The token lacks the admin scope for this call: needs idporten:dcr.write, has idporten:dcr.read",
      ),
    );
    expect(forbidden.kind).toBe("self-service-error");
    expect(forbidden.checks[0]).toMatchObject({
      code: "faq.admin-scope-missing",
      params: { scope: "idporten:dcr.write" },
    });
    expect(forbidden).toMatchObject({
      summaryCode: "diagnosis.summary.self-service-error-correlation",
      summaryParams: { status: 403, correlationId: "b496e785" },
    });
  });

  it("recognises Portvakt's own problem details", async () => {
    const result = await diagnose(
      JSON.stringify({
        type: "about:blank",
        title: "Forbidden",
        status: 403,
        detail: "needs admin",
      }),
    );
    expect(result.kind).toBe("problem");
    expect(result.checks[0]?.rule).toBe("portvakt.role");
  });

  it("says so when the input is nothing it knows", async () => {
    expect((await diagnose("hello")).kind).toBe("unknown");
    expect((await diagnose("{nope")).checks[0]?.code).toBe("diagnosis.input.json-invalid");
    expect((await diagnose('{"a":1}')).checks[0]?.code).toBe("diagnosis.input.json-unknown");
    expect((await diagnose("a.b.c")).checks[0]?.rule).toBe("jwt.format");
  });
});

describe("the diagnosis's texts", () => {
  it("exist in nb, nn and en as valid ICU with the same parameters", () => {
    expect(messageTableProblems(diagnosisMessages)).toEqual([]);
  });

  it("cover every code a diagnosis of many inputs emits, in all three languages", async () => {
    const inputs = [
      grant(),
      grant(
        { alg: "HS256", kid: undefined, x5c: "x", consumer_org: "1" },
        { sub: 1, exp: NOW - 500 },
      ),
      grant({ kid: "fjernet" }, { aud: `${ISSUER}token`, iat: NOW + 60, jti: undefined }),
      grant(
        { kid: "klient-snart" },
        { scope: "nav:pensjon/v3/alderspensjon digdir:x", consumer_org: 5 },
      ),
      `${grant().slice(0, 30)}\n${grant().slice(30)}`,
      JSON.stringify({ error: "invalid_grant", error_description: "Expired key" }),
      JSON.stringify({ error: "invalid_grant", error_description: "?" }),
      JSON.stringify({ status: 401, error_description: "Unauthorized", correlation_id: "c" }),
      JSON.stringify({ status: 403, error_description: "needs idporten:scopes.write" }),
      JSON.stringify({ status: 409 }),
      JSON.stringify({ title: "Unauthorized", status: 401 }),
      "hello",
    ];
    const tables = [diagnosisMessages, maskinportenRulesMessages] as Array<
      Record<string, Record<string, string>>
    >;
    const hasText = (code: string, lang: string) =>
      tables.some((table) => typeof table[lang]?.[code] === "string");
    const missing: string[] = [];
    for (const input of inputs) {
      const result = await diagnose(input, context);
      const codes = [
        result.summaryCode,
        ...result.checks.flatMap((c) => [c.code, ...(c.fixCode ? [c.fixCode] : [])]),
      ];
      for (const code of codes) {
        for (const lang of LANGS) if (!hasText(code, lang)) missing.push(`${code} (${lang})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
