import { isValidOrgNumber } from "@portvakt/contracts";

/** Real names from Enhetsregisteret for the organisations the demo seeds or mentions. */
const KNOWN_ORGANIZATIONS: Readonly<Record<string, string>> = {
  "991825827": "DIGITALISERINGSDIREKTORATET",
  "889640782": "ARBEIDS- OG VELFERDSETATEN",
  "974760673": "REGISTERENHETEN I BRØNNØYSUND",
  "974761076": "SKATTEETATEN",
  "910000004": "DEMO TESTORGANISASJON AS",
  // Demo organisations with a status in Enhetsregisteret (see ./enhetsregisteret.ts).
  "911000008": "KONKURS DEMO AS",
  "911000016": "SLETTET DEMO AS",
  "911000024": "AVVIKLING DEMO AS",
  "911000032": "FJERNET DEMO AS",
};

/**
 * The simulator's stand-in for Enhetsregisteret. Unknown but valid numbers get a stable
 * synthetic name so tests can use thousands of organisations without a register.
 */
export function organizationName(orgno: string): string {
  return KNOWN_ORGANIZATIONS[orgno] ?? `Organisasjon ${orgno}`;
}

export function isKnownOrganization(orgno: string): boolean {
  return orgno in KNOWN_ORGANIZATIONS && isValidOrgNumber(orgno);
}
