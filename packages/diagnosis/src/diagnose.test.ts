import { generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { type DiagnosisContext, diagnose } from "./index";

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
  now: NOW * 1000,
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A grant; the diagnosis never verifies signatures, so any third part will do. */
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

function failed(input: string, ctx: DiagnosisContext = context) {
  const result = diagnose(input, ctx);
  return {
    result,
    rules: result.checks.filter((c) => !c.ok && c.severity === "error").map((c) => c.rule),
    codes: result.checks.filter((c) => !c.ok && c.severity === "error").map((c) => c.mpCode),
  };
}

describe("a JWT grant", () => {
  it("passes every rule when it is right", () => {
    const { result, rules } = failed(grant());
    expect(result.kind).toBe("grant");
    expect(rules).toEqual([]);
    expect(result.claims).toMatchObject({ iss: CLIENT_ID, aud: ISSUER });
    expect(result.header).toMatchObject({ alg: "RS256", kid: "klient-2025-01-01" });
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
  });

  it("reads a real signed grant, also from a form body or behind Bearer", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const jwt = await new SignJWT({ scope: "digdir:demo.read" })
      .setProtectedHeader({ alg: "RS256", kid: "klient-2025-01-01" })
      .setAudience(ISSUER)
      .setIssuer(CLIENT_ID)
      .setIssuedAt(NOW)
      .setExpirationTime(NOW + 60)
      .setJti("abc")
      .sign(privateKey);
    expect(failed(jwt).rules).toEqual([]);
    const form = `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${jwt}`;
    expect(failed(form).result.kind).toBe("grant");
    expect(failed(`  "${jwt}"\n`).rules).toEqual([]);
  });

  it("names the token endpoint URL in aud (MP-110)", () => {
    const { result, codes } = failed(grant({}, { aud: `${ISSUER}token` }));
    const aud = result.checks.find((c) => c.rule === "claims.aud")!;
    expect(aud.ok).toBe(false);
    expect(aud.message).toMatch(/token endpoint URL/);
    expect(aud.fix).toContain(ISSUER);
    expect(codes).toEqual(["MP-110"]);
    expect(result.mpCode).toBe("MP-110");
  });

  it("refuses aud of another environment, without the slash, or as an array", () => {
    expect(failed(grant({}, { aud: "https://maskinporten.no/" })).result.checks).toContainEqual(
      expect.objectContaining({
        rule: "claims.aud",
        ok: false,
        message: expect.stringMatching(/another environment/),
      }),
    );
    expect(failed(grant({}, { aud: "https://test.maskinporten.no" })).result.checks).toContainEqual(
      expect.objectContaining({
        rule: "claims.aud",
        message: expect.stringMatching(/trailing slash/),
      }),
    );
    expect(failed(grant({}, { aud: [ISSUER] })).codes).toContain("MP-110");
  });

  it("refuses a lifetime over 120 s (MP-130)", () => {
    const { rules, codes } = failed(grant({}, { exp: NOW + 121 }));
    expect(rules).toEqual(["claims.lifetime"]);
    expect(codes).toEqual(["MP-130"]);
    expect(failed(grant({}, { exp: NOW + 120 })).rules).toEqual([]);
  });

  it("refuses iat more than 10 s off, and an expired grant (MP-130)", () => {
    expect(failed(grant({}, { iat: NOW + 11, exp: NOW + 60 })).rules).toEqual(["claims.iat"]);
    expect(failed(grant({}, { iat: NOW - 10, exp: NOW + 60 })).rules).toEqual([]);
    const old = failed(grant({}, { iat: NOW - 300, exp: NOW - 200 }));
    expect(old.rules).toEqual(["claims.iat", "claims.exp"]);
    expect(old.codes).toEqual(["MP-130", "MP-130"]);
  });

  it("refuses times in milliseconds or as strings (MP-011)", () => {
    expect(failed(grant({}, { iat: String(NOW) })).rules).toEqual(["claims.times"]);
    expect(failed(grant({}, { iat: NOW * 1000 + 0.5 })).codes).toContain("MP-011");
  });

  it("refuses x5c as a plain string (MP-123) and accepts an array", () => {
    const { rules, codes, result } = failed(grant({ kid: undefined, x5c: "MIIBIjANBg" }), {
      ...context,
      client: { ...context.client!, keys: [], hasKeys: false },
    });
    expect(rules).toEqual(["header.x5c"]);
    expect(codes).toEqual(["MP-123"]);
    expect(result.checks.find((c) => c.rule === "header.x5c")?.message).toMatch(/plain string/);
    expect(
      failed(grant({ kid: undefined, x5c: ["MIIBIjANBg=="] }), {
        ...context,
        client: { ...context.client!, keys: [], hasKeys: false },
      }).rules,
    ).toEqual([]);
  });

  it("requires kid when the client has keys, and a key at all (MP-123)", () => {
    const x5c = failed(grant({ kid: undefined, x5c: ["MIIB"] }));
    expect(x5c.rules).toEqual(["header.kid.required"]);
    expect(x5c.codes).toEqual(["MP-123"]);
    const none = failed(grant({ kid: undefined }));
    expect(none.rules).toEqual(["header.key", "header.kid.required"]);
  });

  it("names an unknown (e.g. removed) kid (MP-124)", () => {
    const { rules, codes, result } = failed(grant({ kid: "fjernet-2024" }));
    expect(rules).toEqual(["header.kid.known"]);
    expect(codes).toEqual(["MP-124"]);
    expect(result.checks.find((c) => c.rule === "header.kid.known")?.message).toMatch(
      /"fjernet-2024" is not registered/,
    );
  });

  it("names an expired key (MP-121) and warns of one expiring within 30 days", () => {
    expect(failed(grant({ kid: "klient-gammel" })).codes).toEqual(["MP-121"]);
    const soon = diagnose(grant({ kid: "klient-snart" }), context);
    expect(soon.checks.find((c) => c.rule === "header.kid.expiring")).toMatchObject({
      ok: false,
      severity: "warning",
    });
  });

  it("refuses algorithms other than RS256/384/512 (MP-011)", () => {
    expect(failed(grant({ alg: "HS256" })).rules).toEqual(["header.alg"]);
    expect(failed(grant({ alg: "ES256" })).codes).toEqual(["MP-011"]);
    expect(failed(grant({ alg: "RS512" })).rules).toEqual([]);
  });

  it("refuses claims outside the allowed set, and accepts the optional ones", () => {
    const { rules, result } = failed(grant({}, { sub: "x", nbf: NOW }));
    expect(rules).toEqual(["claims.allowed"]);
    expect(result.checks.find((c) => c.rule === "claims.allowed")?.message).toMatch(/sub, nbf/);
    expect(
      failed(grant({}, { resource: "https://api.example", consumer_org: "889640782" })).rules,
    ).toEqual([]);
  });

  it("refuses a missing jti or any missing required claim (MP-011)", () => {
    const noJti = failed(grant({}, { jti: undefined }));
    expect(noJti.rules).toEqual(["claims.required", "claims.jti"]);
    expect(noJti.codes).toEqual(["MP-011", "MP-011"]);
    expect(failed(grant({}, { aud: undefined })).rules).toEqual(["claims.required"]);
  });

  it("checks iss against the chosen client (MP-100)", () => {
    expect(failed(grant({}, { iss: "another-client" })).codes).toEqual(["MP-100"]);
  });

  it("refuses a scope not on the client (MP-200) and one not granted (MP-250)", () => {
    const notOnClient = failed(grant({}, { scope: "digdir:åpne.data" }));
    expect(notOnClient.rules).toEqual(["scope.client"]);
    expect(notOnClient.codes).toEqual(["MP-200"]);
    const notGranted = failed(grant({}, { scope: "nav:pensjon/v3/alderspensjon" }));
    expect(notGranted.rules).toEqual(["scope.granted"]);
    expect(notGranted.codes).toEqual(["MP-250"]);
    expect(failed(grant({}, { scope: "" })).codes).toContain("MP-200");
    expect(failed(grant({}, { scope: ["digdir:demo.read"] })).codes).toContain("MP-011");
  });

  it("checks only what it can without a context", () => {
    const result = diagnose(grant({ kid: "anything" }, { aud: "https://x/" }), { now: NOW * 1000 });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
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

  it("is recognised and decoded, also inside a token response", () => {
    const result = diagnose(accessToken({}), context);
    expect(result.kind).toBe("access-token");
    expect(result.claims).toMatchObject({ client_id: CLIENT_ID });
    expect(result.checks.find((c) => c.rule === "token.consumer")?.message).toMatch(/991825827/);
    const response = diagnose(
      JSON.stringify({ access_token: accessToken({}), token_type: "Bearer", expires_in: 120 }),
      context,
    );
    expect(response.kind).toBe("token-response");
  });

  it("names an expired token, one from the other environment, and a non-admin client", () => {
    const result = diagnose(
      accessToken({ exp: NOW - 5, iss: "https://maskinporten.no/" }),
      context,
    );
    expect(result.checks.filter((c) => !c.ok).map((c) => c.rule)).toEqual([
      "token.iss",
      "token.exp",
      "token.admin",
    ]);
  });
});

describe("an error response", () => {
  it("explains each MP code of a token error", () => {
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
    ]) {
      const result = diagnose(
        JSON.stringify({
          error: "invalid_grant",
          error_description: "Invalid assertion.",
          error_uri: `${ISSUER}errors/${code}`,
        }),
      );
      expect(result.kind).toBe("token-error");
      expect(result.mpCode).toBe(code);
      expect(result.checks[0]).toMatchObject({ ok: false, mpCode: code });
      expect(result.checks[0]?.fix).toBeTruthy();
    }
  });

  it("names the unknown kid of MP-124", () => {
    const result = diagnose(
      JSON.stringify({
        error: "invalid_grant",
        error_description:
          'Invalid assertion. No key with kid "old-key" is registered on the client',
        error_uri: `${ISSUER}errors/MP-124`,
      }),
    );
    expect(result.checks.map((c) => c.rule)).toEqual(["mp.MP-124", "header.kid.known"]);
    expect(result.checks[1]?.message).toMatch(/old-key/);
  });

  it("explains MP-250 without an error_uri", () => {
    const result = diagnose(
      JSON.stringify({
        error: "forbidden",
        error_description: "Consumer has not been granted access to the scope difi:api3",
      }),
    );
    expect(result.mpCode).toBe("MP-250");
  });

  it("gives the likely cause of the self-service API's 401 and 403", () => {
    const body = (status: number, description: string) =>
      JSON.stringify({
        status,
        timestamp: "2025-07-02T08:30:00.000Z",
        correlation_id: "b496e785",
        error: status === 401 ? "unauthorized" : "forbidden",
        error_description: description,
      });
    const rule = (text: string) => diagnose(text).checks[0]?.rule;
    expect(rule(body(401, "The access token has expired"))).toBe("admin.token.expired");
    expect(rule(body(401, "The access token was issued by another Maskinporten environment"))).toBe(
      "admin.token.environment",
    );
    expect(
      rule(
        body(
          401,
          'The token\'s client "x" is not an admin client (the token has no idporten: admin scope)',
        ),
      ),
    ).toBe("admin.client");
    expect(rule(body(401, "Full authentication is required: send Authorization: Bearer"))).toBe(
      "admin.token.missing",
    );
    expect(rule(body(401, "Unauthorized"))).toBe("admin.token");
    const forbidden = diagnose(
      body(
        403,
        "The token lacks the admin scope for this call: needs idporten:dcr.write, has idporten:dcr.read",
      ),
    );
    expect(forbidden.kind).toBe("self-service-error");
    expect(forbidden.checks[0]).toMatchObject({ rule: "admin.scope" });
    expect(forbidden.checks[0]?.message).toMatch(/idporten:dcr.write/);
  });

  it("recognises Portvakt's own problem details", () => {
    const result = diagnose(
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

  it("says so when the input is nothing it knows", () => {
    expect(diagnose("hello").kind).toBe("unknown");
    expect(diagnose("{nope").kind).toBe("unknown");
    expect(diagnose('{"a":1}').kind).toBe("unknown");
    expect(diagnose("a.b.c").checks[0]?.rule).toBe("jwt.format");
  });
});
