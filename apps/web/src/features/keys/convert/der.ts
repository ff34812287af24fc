/** Just enough DER to find the public key inside an X.509 certificate. */

export type Tlv = { tag: number; start: number; contentStart: number; end: number };

export function readTlv(bytes: Uint8Array, offset: number): Tlv {
  if (offset + 2 > bytes.length) throw new Error("truncated DER");
  const tag = bytes[offset]!;
  let length = bytes[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error("unsupported DER length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i]!;
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new Error("truncated DER");
  return { tag, start: offset, contentStart: offset + header, end };
}

export function childrenOf(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const children: Tlv[] = [];
  let offset = parent.contentStart;
  while (offset < parent.end) {
    const child = readTlv(bytes, offset);
    children.push(child);
    offset = child.end;
  }
  return children;
}

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

export function derWrap(tag: number, content: Uint8Array): Uint8Array {
  const header = [tag, ...encodeLength(content.length)];
  const out = new Uint8Array(header.length + content.length);
  out.set(header, 0);
  out.set(content, header.length);
  return out;
}

// AlgorithmIdentifier { rsaEncryption, NULL }
const RSA_ALGORITHM = new Uint8Array([
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
]);

/** Wraps a PKCS#1 RSAPublicKey ("BEGIN RSA PUBLIC KEY") into SubjectPublicKeyInfo. */
export function spkiFromPkcs1(pkcs1: Uint8Array): Uint8Array {
  const bitString = derWrap(0x03, new Uint8Array([0x00, ...pkcs1]));
  const body = new Uint8Array(RSA_ALGORITHM.length + bitString.length);
  body.set(RSA_ALGORITHM, 0);
  body.set(bitString, RSA_ALGORITHM.length);
  return derWrap(0x30, body);
}
