import "reflect-metadata";
import { type KeyObject, X509Certificate } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { isValidOrgNumber } from "@portvakt/contracts";
import { OID_ORGANIZATION_IDENTIFIER, OID_SERIAL_NUMBER } from "./pki";

/**
 * The CA the simulator trusts, parsed once at startup: the token endpoint checks every `x5c`
 * against it, and re-parsing per request would cost more than the signature check itself.
 */
export class TrustAnchor {
  readonly certificate: X509Certificate;
  readonly publicKey: KeyObject;

  constructor(caCertPem: string) {
    this.certificate = new X509Certificate(caCertPem);
    this.publicKey = this.certificate.publicKey;
  }

  issued(cert: X509Certificate): boolean {
    return cert.checkIssued(this.certificate) && cert.verify(this.publicKey);
  }
}

export type ChainProblem =
  | { kind: "malformed"; message: string }
  | { kind: "untrusted"; message: string }
  | { kind: "no-orgno"; message: string };

export type ChainResult =
  | { ok: true; leaf: X509Certificate; orgno: string }
  | { ok: false; problem: ChainProblem };

function fail(kind: ChainProblem["kind"], message: string): ChainResult {
  return { ok: false, problem: { kind, message } };
}

/** Reads the org number from `serialNumber` or SEID 2's `organizationIdentifier` (docs/maskinporten.md §2). */
export function orgnoOfCertificate(der: Uint8Array): string | undefined {
  const subject = new x509.X509Certificate(new Uint8Array(der)).subjectName;
  for (const value of subject.getField(OID_SERIAL_NUMBER)) {
    if (isValidOrgNumber(value)) return value;
  }
  for (const value of subject.getField(OID_ORGANIZATION_IDENTIFIER)) {
    const match = /^NTRNO-(\d{9})$/.exec(value);
    if (match?.[1] && isValidOrgNumber(match[1])) return match[1];
  }
  return undefined;
}

/**
 * Checks an `x5c` header: leaf first, optional intermediates, ending at (or issued by) the
 * trusted CA; every certificate within its validity period at `now`.
 */
export function verifyCertificateChain(x5c: unknown, anchor: TrustAnchor, now: Date): ChainResult {
  if (!Array.isArray(x5c)) {
    return fail("malformed", "x5c must be an array of base64 DER certificates, leaf first");
  }
  if (x5c.length === 0) return fail("malformed", "x5c is empty");
  const ders: Buffer[] = [];
  const certs: X509Certificate[] = [];
  for (const [index, entry] of x5c.entries()) {
    if (typeof entry !== "string" || !/^[A-Za-z0-9+/]+={0,2}$/.test(entry)) {
      return fail("malformed", `x5c[${index}] is not a base64 DER certificate`);
    }
    const der = Buffer.from(entry, "base64");
    try {
      certs.push(new X509Certificate(der));
      ders.push(der);
    } catch {
      return fail("malformed", `x5c[${index}] is not a certificate`);
    }
  }
  const leaf = certs[0]!;
  if (leaf.ca)
    return fail("untrusted", "The first certificate in x5c is a CA, not a business certificate");

  let current = leaf;
  for (let index = 0; ; index++) {
    if (new Date(current.validFrom) > now) {
      return fail(
        "untrusted",
        `The certificate ${current.subject.split("\n").join(", ")} is not valid yet`,
      );
    }
    if (new Date(current.validTo) < now) {
      return fail(
        "untrusted",
        `The certificate ${current.subject.split("\n").join(", ")} has expired (${current.validTo})`,
      );
    }
    if (anchor.issued(current)) break;
    const next = certs[index + 1];
    if (!next || next.fingerprint256 === anchor.certificate.fingerprint256) {
      return fail("untrusted", "The certificate is not issued by a CA Maskinporten trusts");
    }
    if (!next.ca || !current.checkIssued(next) || !current.verify(next.publicKey)) {
      return fail("untrusted", `x5c[${index + 1}] did not issue x5c[${index}]`);
    }
    current = next;
  }
  if (new Date(anchor.certificate.validTo) < now) {
    return fail("untrusted", "The issuing CA's certificate has expired");
  }

  const orgno = orgnoOfCertificate(ders[0]!);
  if (!orgno) {
    return fail(
      "no-orgno",
      "The certificate names no organisation number (serialNumber or organizationIdentifier)",
    );
  }
  return { ok: true, leaf, orgno };
}
