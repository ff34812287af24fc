import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { certificatesInPem } from "./index";

// The start of a certificate's content, wrapped in a SEQUENCE below: the reader only cuts DER
// elements, it does not parse X.509 (the OpenSSL test below uses a real certificate).
const CERT_BASE64 = [
  "MIIBnDCCAQWgAwIBAgIUJ9bJ2f0Qh3m0oE0xZ5m6YbJ8R0IwDQYJKoZIhvcNAQEL",
  "BQAwEzERMA8GA1UEAwwIcGVtLXRlc3QwHhcNMjYwMTAxMDAwMDAwWhcNMzYwMTAx",
  "MDAwMDAwWjATMREwDwYDVQQDDAhwZW0tdGVzdDCBnzANBgkqhkiG9w0BAQEFAAOB",
  "jQAwgYkCgYEA",
].join("");

function pem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString("base64");
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** A DER SEQUENCE of `length` content bytes (long form when needed). */
function sequence(content: Uint8Array): Uint8Array {
  const n = content.length;
  const header =
    n < 0x80 ? [0x30, n] : n < 0x100 ? [0x30, 0x81, n] : [0x30, 0x82, n >> 8, n & 0xff];
  return new Uint8Array([...header, ...content]);
}

const certificate = sequence(new Uint8Array(Buffer.from(CERT_BASE64, "base64")));
// X509_CERT_AUX with one trusted use, clientAuth (1.3.6.1.5.5.7.3.2), as `-addtrust clientAuth`.
const trust = new Uint8Array([
  0x30, 0x0c, 0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02,
]);

describe("certificatesInPem", () => {
  it("reads CERTIFICATE, TRUSTED CERTIFICATE (trust settings cut off) and X509 CERTIFICATE blocks, in order", () => {
    const trusted = pem("TRUSTED CERTIFICATE", new Uint8Array([...certificate, ...trust]));
    const text = `subject=CN = x\n${pem("CERTIFICATE", certificate)}${trusted}${pem("X509 CERTIFICATE", certificate)}`;
    const found = certificatesInPem(text.replace(/\n/g, "\r\n"));
    expect(found).toHaveLength(3);
    for (const der of found) expect(Buffer.from(der)).toEqual(Buffer.from(certificate));
  });

  it("finds nothing in a public key, a private key, a broken block or plain text", () => {
    expect(certificatesInPem(pem("PUBLIC KEY", certificate))).toEqual([]);
    expect(certificatesInPem(pem("PRIVATE KEY", certificate))).toEqual([]);
    expect(
      certificatesInPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"),
    ).toEqual([]);
    expect(certificatesInPem("hello")).toEqual([]);
  });

  let openssl = true;
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
  } catch {
    openssl = false;
  }
  it.skipIf(!openssl)("reads what `openssl x509 -trustout` writes as the certificate", () => {
    const dir = mkdtempSync(join(tmpdir(), "portvakt-pem-"));
    try {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-subj",
          "/CN=trusted",
          "-keyout",
          join(dir, "key.pem"),
          "-out",
          join(dir, "cert.pem"),
          "-days",
          "2",
        ],
        { stdio: "ignore" },
      );
      execFileSync(
        "openssl",
        [
          "x509",
          "-in",
          join(dir, "cert.pem"),
          "-trustout",
          "-addtrust",
          "clientAuth",
          "-setalias",
          "Portvakt",
          "-out",
          join(dir, "trusted.pem"),
        ],
        { stdio: "ignore" },
      );
      const trusted = readFileSync(join(dir, "trusted.pem"), "utf8");
      expect(trusted).toContain("-----BEGIN TRUSTED CERTIFICATE-----");
      const plain = certificatesInPem(readFileSync(join(dir, "cert.pem"), "utf8"));
      expect(certificatesInPem(trusted)).toEqual(plain);
      writeFileSync(join(dir, "der.pem"), pem("CERTIFICATE", certificatesInPem(trusted)[0]!));
      // OpenSSL itself reads the certificate cut out of the trusted form.
      const subject = execFileSync(
        "openssl",
        ["x509", "-in", join(dir, "der.pem"), "-noout", "-subject"],
        {
          encoding: "utf8",
        },
      );
      expect(subject).toContain("CN = trusted");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
