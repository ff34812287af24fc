// A tiny certificate authority for tests: business certificates shaped like Buypass/Commfides
// (orgno in serialNumber) or SEID 2 (organizationIdentifier NTRNO-<orgno>).
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import {
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  type X509Certificate,
  X509CertificateGenerator,
} from "@peculiar/x509";
import forge from "node-forge";

const RSA = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
} as const;

const DAY = 86_400_000;

export interface TestCa {
  certificate: X509Certificate;
  keys: CryptoKeyPair;
  certPem: string;
}

export interface TestCertificate {
  certificate: X509Certificate;
  keys: CryptoKeyPair;
  certPem: string;
  keyPem: string;
  /** Leaf then the issuing CA. */
  chainPem: string;
}

export async function generateRsaKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as CryptoKeyPair;
}

/** A root CA, or an intermediate CA when `issuer` is given. */
export async function createTestCa(name = "Portvakt Test CA", issuer?: TestCa): Promise<TestCa> {
  const keys = await generateRsaKeys();
  const common = {
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    signingAlgorithm: RSA,
    extensions: [
      new BasicConstraintsExtension(true, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
    ],
  };
  const subject = `CN=${name}, O=Portvakt Test, C=NO`;
  const certificate = issuer
    ? await X509CertificateGenerator.create({
        ...common,
        subject,
        issuer: issuer.certificate.subject,
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
      })
    : await X509CertificateGenerator.createSelfSigned({ ...common, name: subject, keys });
  return { certificate, keys, certPem: certificate.toString("pem") };
}

export async function issueTestCertificate(input: {
  ca: TestCa;
  orgno?: string;
  orgnoField?: "serialNumber" | "organizationIdentifier" | "none";
  name?: string;
  notBefore?: Date;
  notAfter?: Date;
  keys?: CryptoKeyPair;
}): Promise<TestCertificate> {
  const keys = input.keys ?? (await generateRsaKeys());
  const orgno = input.orgno ?? "991825827";
  const field = input.orgnoField ?? "serialNumber";
  const subject: Record<string, string[]>[] = [
    { "2.5.4.6": ["NO"] },
    { "2.5.4.10": [input.name ?? "TEST ORGANISASJON AS"] },
    { "2.5.4.3": [input.name ?? "TEST ORGANISASJON AS"] },
  ];
  if (field === "serialNumber") subject.push({ "2.5.4.5": [orgno] });
  if (field === "organizationIdentifier") subject.push({ "2.5.4.97": [`NTRNO-${orgno}`] });
  const certificate = await X509CertificateGenerator.create({
    subject,
    issuer: input.ca.certificate.subject,
    publicKey: keys.publicKey,
    signingKey: input.ca.keys.privateKey,
    notBefore: input.notBefore ?? new Date(Date.now() - DAY),
    notAfter: input.notAfter ?? new Date(Date.now() + 365 * DAY),
    signingAlgorithm: RSA,
    extensions: [new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true)],
  });
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  const keyPem = toPem("PRIVATE KEY", new Uint8Array(pkcs8));
  const certPem = certificate.toString("pem");
  return { certificate, keys, certPem, keyPem, chainPem: `${certPem}\n${input.ca.certPem}\n` };
}

export function toPem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n");
  return `-----BEGIN ${label}-----\n${body.trimEnd()}\n-----END ${label}-----\n`;
}

/** A PKCS#12 file as node-forge writes it (3DES, SHA-1 MAC: what most tools still read). */
export function toTestPkcs12(input: {
  keyPem: string;
  certPems: readonly string[];
  password: string;
}): Uint8Array {
  const key = forge.pki.privateKeyFromPem(input.keyPem);
  const certs = input.certPems.map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, input.password, { algorithm: "3des" });
  return forge.util.binary.raw.decode(forge.asn1.toDer(asn1).getBytes());
}
