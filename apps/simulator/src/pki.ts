import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { isValidOrgNumber } from "@portvakt/contracts";
import forge from "node-forge";

// @peculiar/x509 otherwise looks for a browser-style global; Node's WebCrypto is the same API.
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA_KEY_ALGORITHM: RsaHashedKeyGenParams = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

/** OIDs of the subject attributes that carry a Norwegian org number (docs/maskinporten.md §2). */
export const OID_SERIAL_NUMBER = "2.5.4.5";
export const OID_ORGANIZATION_IDENTIFIER = "2.5.4.97";
const OID_COUNTRY = "2.5.4.6";
const OID_ORGANIZATION = "2.5.4.10";
const OID_COMMON_NAME = "2.5.4.3";

const DAY_MS = 86_400_000;

/** A certificate authority able to issue demo business certificates. */
export interface CertificateAuthority {
  name: string;
  certPem: string;
  keyPem: string;
  certDerBase64: string;
  /** This CA's certificate then its issuers' up to the root, base64 DER (an `x5c` tail). */
  chainDerBase64: string[];
  notBefore: Date;
  notAfter: Date;
  /** The signing key as WebCrypto needs it; `keyPem` is the same key in PKCS#8. */
  privateKey: CryptoKey;
}

/** A business certificate ("virksomhetssertifikat") with its key, as Digdir would see it. */
export interface BusinessCertificate {
  orgno: string;
  name: string;
  certPem: string;
  /** PKCS#8 PEM of the certificate's private key. */
  keyPem: string;
  /** Leaf then CA, PEM. */
  chainPem: string;
  certDerBase64: string;
  /** The `x5c` header of a grant: base64 DER, leaf first. */
  x5c: string[];
  notBefore: Date;
  notAfter: Date;
}

export interface CreateCaOptions {
  name: string;
  /** Makes an intermediate CA signed by this one; a self-signed root when left out. */
  issuer?: CertificateAuthority;
  notBefore?: Date;
  notAfter?: Date;
}

export interface IssueBusinessCertificateOptions {
  ca: CertificateAuthority;
  orgno: string;
  name: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Where the org number goes: `serialNumber` (Buypass, Commfides) or SEID 2's `organizationIdentifier`. */
  orgnoField?: "serialNumber" | "organizationIdentifier";
}

export interface ToPkcs12Options {
  keyPem: string;
  /** Leaf first. */
  certPems: string[];
  password: string;
  friendlyName?: string;
}

function toPem(label: string, der: ArrayBuffer | Uint8Array): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString(
    "base64",
  );
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""), "base64");
}

/** PEM with a final newline, so concatenated chains stay parseable. */
function certificatePem(cert: x509.X509Certificate): string {
  return toPem("CERTIFICATE", cert.rawData);
}

async function generateRsaKeyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(RSA_KEY_ALGORITHM, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
}

async function exportPkcs8Pem(key: CryptoKey): Promise<string> {
  return toPem("PRIVATE KEY", await webcrypto.subtle.exportKey("pkcs8", key));
}

/** Imports a PKCS#8 PEM RSA key for signing certificates. */
export async function importSigningKey(keyPem: string): Promise<CryptoKey> {
  return webcrypto.subtle.importKey("pkcs8", pemBody(keyPem), RSA_KEY_ALGORITHM, true, ["sign"]);
}

/** Creates a self-signed demo CA (RSA 2048, five years unless told otherwise). */
export async function createCa(options: CreateCaOptions): Promise<CertificateAuthority> {
  const keys = await generateRsaKeyPair();
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 5 * 365 * DAY_MS);
  const name = new x509.Name([
    { [OID_COUNTRY]: ["NO"] },
    { [OID_ORGANIZATION]: [options.name] },
    { [OID_COMMON_NAME]: [options.name] },
  ]);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const issuer = options.issuer;
  let cert: x509.X509Certificate;
  if (issuer) {
    const issuerCert = new x509.X509Certificate(issuer.certPem);
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuerCert));
    cert = await x509.X509CertificateGenerator.create({
      subject: name,
      issuer: issuerCert.subjectName,
      publicKey: keys.publicKey,
      signingKey: issuer.privateKey,
      notBefore,
      notAfter,
      extensions,
    });
  } else {
    cert = await x509.X509CertificateGenerator.createSelfSigned({
      name,
      keys,
      notBefore,
      notAfter,
      extensions,
    });
  }
  const certDerBase64 = cert.toString("base64");
  return {
    name: options.name,
    certPem: certificatePem(cert),
    keyPem: await exportPkcs8Pem(keys.privateKey),
    certDerBase64,
    chainDerBase64: [certDerBase64, ...(issuer?.chainDerBase64 ?? [])],
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    privateKey: keys.privateKey,
  };
}

/** Restores a CA written earlier (demo data folder), so its certificates stay valid. */
export async function loadCa(certPem: string, keyPem: string): Promise<CertificateAuthority> {
  const cert = new x509.X509Certificate(certPem);
  return {
    name: cert.subjectName.getField(OID_ORGANIZATION)[0] ?? cert.subject,
    certPem: certificatePem(cert),
    keyPem,
    certDerBase64: cert.toString("base64"),
    chainDerBase64: [cert.toString("base64")],
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    privateKey: await importSigningKey(keyPem),
  };
}

/** Issues a business certificate for an organisation, signed by `ca` (RSA 2048, one year). */
export async function issueBusinessCertificate(
  options: IssueBusinessCertificateOptions,
): Promise<BusinessCertificate> {
  if (!isValidOrgNumber(options.orgno)) {
    throw new Error(`${options.orgno} is not a valid organisation number`);
  }
  const keys = await generateRsaKeyPair();
  const caCert = new x509.X509Certificate(options.ca.certPem);
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 365 * DAY_MS);
  const orgnoAttribute: Record<string, string[]> =
    options.orgnoField === "organizationIdentifier"
      ? { [OID_ORGANIZATION_IDENTIFIER]: [`NTRNO-${options.orgno}`] }
      : { [OID_SERIAL_NUMBER]: [options.orgno] };
  const subject: x509.JsonNameParams = [
    { [OID_COUNTRY]: ["NO"] },
    { [OID_ORGANIZATION]: [options.name] },
    { [OID_COMMON_NAME]: [options.name] },
    orgnoAttribute,
  ];
  const cert = await x509.X509CertificateGenerator.create({
    subject: new x509.Name(subject),
    issuer: caCert.subjectName,
    publicKey: keys.publicKey,
    signingKey: options.ca.privateKey,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.nonRepudiation |
          x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  const certPem = certificatePem(cert);
  const certDerBase64 = cert.toString("base64");
  return {
    orgno: options.orgno,
    name: options.name,
    certPem,
    keyPem: await exportPkcs8Pem(keys.privateKey),
    chainPem: [certDerBase64, ...options.ca.chainDerBase64]
      .map((der) => toPem("CERTIFICATE", Buffer.from(der, "base64")))
      .join(""),
    certDerBase64,
    x5c: [certDerBase64, ...options.ca.chainDerBase64],
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
  };
}

/** Reads a business certificate's files back (demo data folder). */
export function businessCertificateFromPem(input: {
  orgno: string;
  name: string;
  certPem: string;
  keyPem: string;
  caCertPem: string;
}): BusinessCertificate {
  const cert = new x509.X509Certificate(input.certPem);
  const ca = new x509.X509Certificate(input.caCertPem);
  const certDerBase64 = cert.toString("base64");
  return {
    orgno: input.orgno,
    name: input.name,
    certPem: certificatePem(cert),
    keyPem: input.keyPem,
    chainPem: certificatePem(cert) + certificatePem(ca),
    certDerBase64,
    x5c: [certDerBase64, ca.toString("base64")],
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
  };
}

/** Packs a key and its chain into PKCS#12 (3DES, readable by OpenSSL, Java and node-forge). */
export function toPkcs12(options: ToPkcs12Options): Uint8Array {
  const key = forge.pki.privateKeyFromPem(options.keyPem);
  const certs = options.certPems.map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, options.password, {
    algorithm: "3des",
    ...(options.friendlyName ? { friendlyName: options.friendlyName } : {}),
  });
  return Uint8Array.from(Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary"));
}

/** An RSA key pair for registering on a client (`kid`-based grants). */
export interface ClientKeyPair {
  kid: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  publicJwk: { kty: "RSA"; use: "sig"; alg: "RS256"; kid: string; n: string; e: string };
}

export async function createClientKeyPair(kid: string): Promise<ClientKeyPair> {
  const keys = await generateRsaKeyPair();
  return clientKeyPairFromKeys(kid, keys.privateKey, keys.publicKey);
}

async function clientKeyPairFromKeys(
  kid: string,
  privateKey: CryptoKey,
  publicKey: CryptoKey,
): Promise<ClientKeyPair> {
  const jwk = await webcrypto.subtle.exportKey("jwk", publicKey);
  if (!jwk.n || !jwk.e) throw new Error("Not an RSA key");
  return {
    kid,
    privateKeyPem: await exportPkcs8Pem(privateKey),
    publicJwk: { kty: "RSA", use: "sig", alg: "RS256", kid, n: jwk.n, e: jwk.e },
  };
}

/** Restores a client key pair from its PKCS#8 PEM. */
export async function clientKeyPairFromPem(
  kid: string,
  privateKeyPem: string,
): Promise<ClientKeyPair> {
  const privateKey = await webcrypto.subtle.importKey(
    "pkcs8",
    pemBody(privateKeyPem),
    RSA_KEY_ALGORITHM,
    true,
    ["sign"],
  );
  const jwk = await webcrypto.subtle.exportKey("jwk", privateKey);
  if (!jwk.n || !jwk.e) throw new Error("Not an RSA key");
  return {
    kid,
    privateKeyPem,
    publicJwk: { kty: "RSA", use: "sig", alg: "RS256", kid, n: jwk.n, e: jwk.e },
  };
}
