import { X509Certificate } from "node:crypto";
import forge from "node-forge";
import { beforeAll, describe, expect, it } from "vitest";
import { orgnoOfCertificate, TrustAnchor, verifyCertificateChain } from "./certificate-chain";
import { type CertificateAuthority, createCa, issueBusinessCertificate, toPkcs12 } from "./pki";

let ca: CertificateAuthority;

beforeAll(async () => {
  ca = await createCa({ name: "Test CA" });
});

describe("demo PKI", () => {
  it("issues a one-year business certificate with the org number in serialNumber", async () => {
    const cert = await issueBusinessCertificate({
      ca,
      orgno: "991825827",
      name: "DIGITALISERINGSDIREKTORATET",
    });
    const parsed = new X509Certificate(cert.certPem);
    expect(parsed.subject).toContain("serialNumber=991825827");
    expect(parsed.subject).toContain("O=DIGITALISERINGSDIREKTORATET");
    expect(parsed.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    expect(parsed.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const days = (Date.parse(parsed.validTo) - Date.parse(parsed.validFrom)) / 86_400_000;
    expect(Math.round(days)).toBe(365);
    expect(cert.x5c).toEqual([cert.certDerBase64, ca.certDerBase64]);
    expect(cert.chainPem).toBe(cert.certPem + ca.certPem);
    expect(cert.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(orgnoOfCertificate(new Uint8Array(Buffer.from(cert.certDerBase64, "base64")))).toBe(
      "991825827",
    );
  });

  it("can put the org number in organizationIdentifier (NTRNO-) instead", async () => {
    const cert = await issueBusinessCertificate({
      ca,
      orgno: "889640782",
      name: "ARBEIDS- OG VELFERDSETATEN",
      orgnoField: "organizationIdentifier",
    });
    expect(new X509Certificate(cert.certPem).subject).toContain(
      "organizationIdentifier=NTRNO-889640782",
    );
    expect(orgnoOfCertificate(new Uint8Array(Buffer.from(cert.certDerBase64, "base64")))).toBe(
      "889640782",
    );
  });

  it("refuses an invalid org number", async () => {
    await expect(issueBusinessCertificate({ ca, orgno: "123456789", name: "X" })).rejects.toThrow(
      /valid/,
    );
  });

  it("packs PKCS#12 that node-forge opens with the password", async () => {
    const cert = await issueBusinessCertificate({
      ca,
      orgno: "974760673",
      name: "REGISTERENHETEN I BRØNNØYSUND",
    });
    const bytes = toPkcs12({
      keyPem: cert.keyPem,
      certPems: [cert.certPem, ca.certPem],
      password: "pw",
    });
    const p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(Buffer.from(bytes).toString("binary")),
      "pw",
    );
    const keyBag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[
      forge.pki.oids.pkcs8ShroudedKeyBag!
    ]?.[0];
    const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
    expect(key?.n.toString(16)).toBe(
      (forge.pki.privateKeyFromPem(cert.keyPem) as forge.pki.rsa.PrivateKey).n.toString(16),
    );
    expect(() =>
      forge.pkcs12.pkcs12FromAsn1(
        forge.asn1.fromDer(Buffer.from(bytes).toString("binary")),
        "wrong",
      ),
    ).toThrow();
  });
});

describe("x5c chain verification", () => {
  it("accepts a chain straight from the anchor, or through an intermediate CA", async () => {
    const anchor = new TrustAnchor(ca.certPem);
    const direct = await issueBusinessCertificate({ ca, orgno: "991825827", name: "D" });
    const result = verifyCertificateChain(direct.x5c, anchor, new Date());
    expect(result.ok && result.orgno).toBe("991825827");

    const intermediate = await createCa({ name: "Test Intermediate CA", issuer: ca });
    const leaf = await issueBusinessCertificate({
      ca: intermediate,
      orgno: "889640782",
      name: "N",
    });
    expect(leaf.x5c).toEqual([leaf.certDerBase64, intermediate.certDerBase64, ca.certDerBase64]);
    const through = verifyCertificateChain(leaf.x5c, anchor, new Date());
    expect(through.ok && through.orgno).toBe("889640782");
    expect(verifyCertificateChain(leaf.x5c.slice(0, 1), anchor, new Date()).ok).toBe(false);
  });

  it("explains what is wrong with a chain", async () => {
    const anchor = new TrustAnchor(ca.certPem);
    const leaf = await issueBusinessCertificate({ ca, orgno: "991825827", name: "D" });
    const problem = (x5c: unknown, at = new Date()) => {
      const result = verifyCertificateChain(x5c, anchor, at);
      return result.ok ? undefined : result.problem.kind;
    };
    expect(problem(leaf.certDerBase64)).toBe("malformed");
    expect(problem([])).toBe("malformed");
    expect(problem([ca.certDerBase64])).toBe("untrusted");
    expect(problem(leaf.x5c, new Date(Date.now() + 2 * 365 * 86_400_000))).toBe("untrusted");
    expect(problem(leaf.x5c, new Date(Date.now() - 2 * 86_400_000))).toBe("untrusted");
  });
});
