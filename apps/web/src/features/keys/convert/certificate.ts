import { childrenOf, readTlv } from "./der";

/**
 * Reads the parts of an X.509 certificate Portvakt needs: its public key and when it expires.
 * Loaded on demand, only when someone pastes a certificate.
 */
export type CertificateInfo = { spki: Uint8Array; notAfter?: Date; subject?: string };

function parseTime(bytes: Uint8Array, tag: number): Date | undefined {
  const text = new TextDecoder().decode(bytes);
  // UTCTime YYMMDDHHMMSSZ, GeneralizedTime YYYYMMDDHHMMSSZ
  const m =
    tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
  if (!m) return undefined;
  let year = Number(m[1]);
  if (tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)),
  );
}

const OID_COMMON_NAME = "55 04 03";
const OID_ORGANIZATION = "55 04 0a";

function subjectName(bytes: Uint8Array, name: ReturnType<typeof readTlv>): string | undefined {
  const parts: string[] = [];
  for (const rdn of childrenOf(bytes, name)) {
    for (const attribute of childrenOf(bytes, rdn)) {
      const [oid, value] = childrenOf(bytes, attribute);
      if (!oid || !value) continue;
      const oidHex = [...bytes.slice(oid.contentStart, oid.end)]
        .map((b) => b.toString(16).padStart(2, "0"))
        .join(" ");
      if (oidHex === OID_COMMON_NAME || oidHex === OID_ORGANIZATION) {
        parts.push(new TextDecoder().decode(bytes.slice(value.contentStart, value.end)));
      }
    }
  }
  return parts.length > 0 ? parts.join(", ") : undefined;
}

export function parseCertificate(der: Uint8Array): CertificateInfo {
  const certificate = readTlv(der, 0);
  const [tbs] = childrenOf(der, certificate);
  if (tbs?.tag !== 0x30) throw new Error("not a certificate");
  let fields = childrenOf(der, tbs);
  if (fields[0]?.tag === 0xa0) fields = fields.slice(1); // explicit version
  const validity = fields[3];
  const subject = fields[4];
  const spki = fields[5];
  if (!validity || !subject || spki?.tag !== 0x30) throw new Error("not a certificate");
  const [, notAfter] = childrenOf(der, validity);
  return {
    spki: der.slice(spki.start, spki.end),
    notAfter: notAfter
      ? parseTime(der.slice(notAfter.contentStart, notAfter.end), notAfter.tag)
      : undefined,
    subject: subjectName(der, subject),
  };
}
