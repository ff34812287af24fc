/**
 * Certificates in PEM text as OpenSSL writes them (RFC 7468), browser-safe. Three labels carry an
 * X.509 certificate: `CERTIFICATE`; `TRUSTED CERTIFICATE`, OpenSSL's form with trust settings
 * after the certificate (`openssl x509 -trustout`: the DER certificate followed by an
 * `X509_CERT_AUX` structure, OpenSSL's `PEM_read_X509_AUX`); and `X509 CERTIFICATE`, an old label
 * RFC 7468 §5.3 says parsers should accept. Text around and between the blocks (OpenSSL's "Bag
 * Attributes", comments) is ignored.
 */

/** The labels of PEM blocks that hold a certificate, `CERTIFICATE` first. */
export const CERTIFICATE_PEM_LABELS = [
  "CERTIFICATE",
  "TRUSTED CERTIFICATE",
  "X509 CERTIFICATE",
] as const;

const BLOCK =
  /-----BEGIN (CERTIFICATE|TRUSTED CERTIFICATE|X509 CERTIFICATE)-----([A-Za-z0-9+/=\s]*?)-----END \1-----/g;

/**
 * PEM text however it was stored or pasted: a byte-order mark dropped, CRLF or lone CR made LF,
 * and each line's surrounding spaces removed (a PEM indented in YAML or an e-mail).
 */
export function pemText(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .join("\n");
}

/**
 * The DER bytes of every certificate block in `text`, in order, whichever of
 * `CERTIFICATE_PEM_LABELS` it has; for a `TRUSTED CERTIFICATE` only the certificate, without
 * OpenSSL's trust settings after it. A block whose base64 does not decode, or whose content is
 * not a DER SEQUENCE, is left out. Empty when `text` holds no certificate.
 */
export function certificatesInPem(text: string): Uint8Array[] {
  const found: Uint8Array[] = [];
  for (const match of pemText(text).matchAll(BLOCK)) {
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(match[2]!.replace(/\s+/g, ""));
    } catch {
      continue;
    }
    const certificate = firstDerElement(bytes);
    if (certificate) found.push(certificate);
  }
  return found;
}

/**
 * The first DER element of `bytes` when it is a SEQUENCE (an X.509 certificate is one): what
 * comes after it, such as OpenSSL's trust settings, is cut off. `undefined` when the bytes do not
 * start with a whole SEQUENCE.
 */
export function firstDerElement(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 2 || bytes[0] !== 0x30) return undefined;
  const first = bytes[1]!;
  let length: number;
  let header: number;
  if (first < 0x80) {
    length = first;
    header = 2;
  } else {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || bytes.length < 2 + count) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
    header = 2 + count;
  }
  const end = header + length;
  return end <= bytes.length ? bytes.slice(0, end) : undefined;
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
