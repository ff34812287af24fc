import { createHash } from "node:crypto";
import {
  type AccessState,
  ALL_ADMIN_SCOPES,
  type Client,
  JWT_BEARER_GRANT,
  type Scope,
  type ScopeInput,
  splitScopeName,
} from "@portvakt/contracts";
import { createSigningKeyMaterial, type SigningKeyMaterial } from "./access-token";
import { KEY_LIFETIME_SECONDS } from "./admin/keys";
import { newScope } from "./admin/scopes";
import { organizationName } from "./organization-register";
import {
  type BusinessCertificate,
  type CertificateAuthority,
  type ClientKeyPair,
  createCa,
  createClientKeyPair,
  issueBusinessCertificate,
  toPkcs12,
} from "./pki";
import type { SimulatorStore } from "./store";

export const PROVIDER_ORGNO = "991825827";
export const CONSUMER_ORGNO = "889640782";
export const ADMIN_CLIENT_ID = "portvakt-demo-admin";
export const CONSUMER_ADMIN_CLIENT_ID = "portvakt-demo-consumer-admin";
export const DEMO_P12_PASSWORD = "demo-password";
export const DEMO_CA_NAME = "Portvakt Demo CA";

/** The organisations that get a business certificate; both ways of naming the org number occur. */
export const DEMO_ORGANIZATIONS = [
  { orgno: PROVIDER_ORGNO, orgnoField: "serialNumber" },
  { orgno: CONSUMER_ORGNO, orgnoField: "organizationIdentifier" },
  { orgno: "974760673", orgnoField: "serialNumber" },
  { orgno: "910000004", orgnoField: "organizationIdentifier" },
] as const;

/** The consumer clients of 889640782 that authenticate with a registered key. */
export const DEMO_KEYED_CLIENTS = [
  {
    clientId: "3f1c2a90-5b7e-4c1d-9a2e-6d8f0b1c2e3a",
    kid: "nav-pensjon-2025",
    name: "NAV pensjon-integrasjon",
    description: "Henter data fra Digdir til pensjonsberegning",
    scopes: ["digdir:demo.read", "difi:api3"],
  },
  {
    clientId: "7b2d4e6f-8a1c-4e3b-9d5f-1a2b3c4d5e6f",
    kid: "nav-statistikk-2025",
    name: "NAV statistikk",
    description: "Leser åpne data og enhetsregisteret til statistikk",
    scopes: ["digdir:åpne.data", "brreg:enhetsregisteret/v2"],
  },
] as const;

/**
 * A client of 991825827 whose key was registered before Digdir's 2025-05-22 API change: the key
 * has no `use` (docs/maskinporten.md §8), as such keys are still answered by Digdir.
 */
export const DEMO_LEGACY_KEY_CLIENT_ID = "1e9a7c55-2f4b-4d8e-9c3a-b5d6e7f80912";
export const DEMO_LEGACY_KID = "legacy-2024";

/** A made-up but stable 2048-bit modulus (no one holds its private key: it is only shown). */
export function legacyModulus(): string {
  const bytes = Buffer.concat(
    Array.from({ length: 8 }, (_, i) =>
      createHash("sha256").update(`portvakt-legacy-key-${i}`).digest(),
    ),
  );
  bytes[0]! |= 0x80;
  bytes[bytes.length - 1]! |= 0x01;
  return bytes.toString("base64url");
}

export const DEMO_INACTIVE_CLIENT_ID = "c0ffee00-1234-4abc-8def-0123456789ab";
/** A client of 991825827 using NAV's scope with the business certificate (x5c). */
export const DEMO_PROVIDER_CONSUMER_CLIENT_ID = "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f";

export interface DemoOrganizationMaterial extends BusinessCertificate {
  p12: Uint8Array;
  p12Password: string;
}

/** Keys and certificates behind the demo: generated once, reused across restarts and tests. */
export interface DemoMaterial {
  ca: CertificateAuthority;
  orgs: Record<string, DemoOrganizationMaterial>;
  /** One per entry of `DEMO_KEYED_CLIENTS`, same order. */
  clientKeys: ClientKeyPair[];
  signingKey: SigningKeyMaterial;
}

export function withPkcs12(cert: BusinessCertificate, caCertPem: string): DemoOrganizationMaterial {
  return {
    ...cert,
    p12: toPkcs12({
      keyPem: cert.keyPem,
      certPems: [cert.certPem, caCertPem],
      password: DEMO_P12_PASSWORD,
      friendlyName: cert.name,
    }),
    p12Password: DEMO_P12_PASSWORD,
  };
}

/** Generates the demo CA, business certificates, client keys and the token-signing key. */
export async function createDemoMaterial(): Promise<DemoMaterial> {
  const [ca, clientKeys, signingKey] = await Promise.all([
    createCa({ name: DEMO_CA_NAME }),
    Promise.all(DEMO_KEYED_CLIENTS.map((client) => createClientKeyPair(client.kid))),
    createSigningKeyMaterial(),
  ]);
  const certs = await Promise.all(
    DEMO_ORGANIZATIONS.map((org) =>
      issueBusinessCertificate({
        ca,
        orgno: org.orgno,
        name: organizationName(org.orgno),
        orgnoField: org.orgnoField,
      }),
    ),
  );
  const orgs = Object.fromEntries(certs.map((cert) => [cert.orgno, withPkcs12(cert, ca.certPem)]));
  return { ca, orgs, clientKeys, signingKey };
}

let sharedMaterial: Promise<DemoMaterial> | undefined;

/**
 * RSA key generation is slow, so every test-mode simulator in one process shares the same
 * material; each still gets fresh state. Made on first use unless `useSharedDemoMaterial` gave
 * it (a test run's material, made once for the whole run).
 */
export function sharedDemoMaterial(): Promise<DemoMaterial> {
  if (!sharedMaterial) {
    sharedMaterial = createDemoMaterial();
    sharedMaterial.catch(() => {
      sharedMaterial = undefined;
    });
  }
  return sharedMaterial;
}

/**
 * Makes `material` the one `sharedDemoMaterial` answers from now on in this process (test-mode
 * simulators use it; demo mode reads its data folder). For test runs: the material is made once
 * per run (`apps/simulator/src/testing/demo-material-per-run.ts`) and read by every test file,
 * instead of each file making its eight RSA keys again. A rejected `material` is forgotten, so
 * the next caller makes fresh material.
 */
export function useSharedDemoMaterial(material: Promise<DemoMaterial>): void {
  sharedMaterial = material;
  sharedMaterial.catch(() => {
    sharedMaterial = undefined;
  });
}

type SeedScope = Omit<ScopeInput, "prefix" | "subscope"> & { name: string; owner: string };

const SEED_SCOPES: SeedScope[] = [
  {
    name: "digdir:demo.read",
    owner: PROVIDER_ORGNO,
    description: "Les demodata fra Digdir",
    long_description: "Gir lesetilgang til **demodata**. Brukes i Portvakt-demoen.",
    allowed_integration_types: ["maskinporten"],
  },
  {
    name: "digdir:demo/v1/hendelser",
    owner: PROVIDER_ORGNO,
    description: "Hendelsesliste for demodata",
    allowed_integration_types: ["maskinporten"],
  },
  {
    name: "digdir:intern/statistikk",
    owner: PROVIDER_ORGNO,
    description: "Intern statistikk, kun for avtalte konsumenter",
    visibility: "PRIVATE",
  },
  { name: "difi:api3", owner: PROVIDER_ORGNO, description: "Eldre Difi-API, versjon 3" },
  {
    name: "digdir:åpne.data",
    owner: PROVIDER_ORGNO,
    description: "Åpne data, tilgjengelig for alle",
    accessible_for_all: true,
  },
  {
    name: "difi:gammel/v1",
    owner: PROVIDER_ORGNO,
    description: "Utfaset API (deaktivert)",
    active: false,
  },
  {
    name: "digdir:krr/kontaktinfo.read",
    owner: PROVIDER_ORGNO,
    description: "Kontaktinformasjon for innloggede brukere",
    allowed_integration_types: ["idporten"],
    requires_user_authentication: true,
  },
  {
    name: "digdir:altinn/delegert.read",
    owner: PROVIDER_ORGNO,
    description: "Delegerbar tilgang via Altinn",
    delegation_source: "https://platform.altinn.no/authentication/api/v1/openid/",
  },
  {
    name: "digdir:tilsyn/intern",
    owner: PROVIDER_ORGNO,
    description: "Kun for Digdir",
    visibility: "INTERNAL",
  },
  {
    name: "nav:pensjon/v3/alderspensjon",
    owner: CONSUMER_ORGNO,
    description: "Alderspensjon, vedtak og utbetalinger",
    allowed_integration_types: ["maskinporten"],
    at_max_age: 300,
  },
  {
    name: "nav:arbeidsforhold.read",
    owner: CONSUMER_ORGNO,
    description: "Arbeidsforhold fra Aa-registeret",
    visibility: "PRIVATE",
  },
  {
    name: "brreg:enhetsregisteret/v2",
    owner: "974760673",
    description: "Utvidede opplysninger fra Enhetsregisteret",
  },
];

const SEED_PREFIXES: Record<string, string[]> = {
  [PROVIDER_ORGNO]: ["digdir", "difi"],
  [CONSUMER_ORGNO]: ["nav"],
  "974760673": ["brreg"],
};

const SEED_GRANTS: Array<{ scope: string; consumer: string; state: AccessState }> = [
  { scope: "digdir:demo.read", consumer: CONSUMER_ORGNO, state: "APPROVED" },
  { scope: "digdir:demo.read", consumer: "974760673", state: "APPROVED" },
  { scope: "digdir:demo/v1/hendelser", consumer: CONSUMER_ORGNO, state: "REQUESTED" },
  { scope: "digdir:intern/statistikk", consumer: CONSUMER_ORGNO, state: "DENIED" },
  { scope: "digdir:intern/statistikk", consumer: "974761076", state: "APPROVED" },
  { scope: "difi:api3", consumer: CONSUMER_ORGNO, state: "APPROVED" },
  { scope: "difi:api3", consumer: "910000004", state: "REQUESTED" },
  { scope: "difi:gammel/v1", consumer: CONSUMER_ORGNO, state: "APPROVED" },
  { scope: "nav:pensjon/v3/alderspensjon", consumer: PROVIDER_ORGNO, state: "APPROVED" },
  { scope: "nav:pensjon/v3/alderspensjon", consumer: "974761076", state: "APPROVED" },
  { scope: "nav:arbeidsforhold.read", consumer: "974760673", state: "REQUESTED" },
  { scope: "brreg:enhetsregisteret/v2", consumer: CONSUMER_ORGNO, state: "APPROVED" },
];

function seedClient(
  fields: Pick<Client, "client_id" | "client_name" | "description" | "client_orgno" | "scopes"> &
    Partial<Client>,
  now: string,
): Client {
  return {
    integration_type: "maskinporten",
    application_type: "web",
    token_endpoint_auth_method: "private_key_jwt",
    grant_types: [JWT_BEARER_GRANT],
    active: true,
    access_token_lifetime: 120,
    created: now,
    last_updated: now,
    ...fields,
  };
}

/** A sparse row of the public catalogue as Digdir answers old scopes (docs/maskinporten.md §8). */
export const DEMO_SPARSE_SCOPE = "brreg:gammel/sparsom";

/**
 * Shapes seen in Digdir's real answers (docs/maskinporten.md §8): a catalogue row with only name, prefix,
 * subscope, description, active and owner, and `"authorization_max_lifetime": ""`; own scopes
 * with fields outside the OpenAPI (`protected`, `supports_european_businesses`) and language
 * variants (`description#en`, `description#nn`). The store keeps them as Digdir would.
 */
function seedRealWorldShapes(store: SimulatorStore, now: string): void {
  store.putScope({
    name: DEMO_SPARSE_SCOPE,
    prefix: "brreg",
    subscope: "gammel/sparsom",
    description: "Eldre scope med få felt",
    active: true,
    owner_orgno: "974760673",
    authorization_max_lifetime: "",
  } as unknown as Scope);
  const demo = store.getScope("digdir:demo.read");
  if (demo) {
    store.putScope({
      ...demo,
      protected: false,
      supports_european_businesses: false,
      "description#en": "Read demo data from Digdir",
      "description#nn": "Les demodata frå Digdir",
      last_updated: now,
    });
  }
}

/**
 * Fills `store` with the demo's organisations, scopes, grants, clients and keys. Tests get the
 * same data through `startSimulator({ mode: "test" })`, or call this on their own store.
 */
export function seedDemoState(store: SimulatorStore, material: DemoMaterial): void {
  store.clear();
  const now = store.clock.iso();
  for (const [orgno, prefixes] of Object.entries(SEED_PREFIXES)) {
    for (const prefix of prefixes) store.assignPrefix(orgno, prefix);
  }
  for (const { name, owner, ...fields } of SEED_SCOPES) {
    const scope: Scope = newScope({ ...splitScopeName(name), ...fields }, owner, now);
    store.putScope(scope);
  }
  for (const grant of SEED_GRANTS) store.setGrantState(grant.scope, grant.consumer, grant.state);
  seedRealWorldShapes(store, now);

  store.putClient(
    seedClient(
      {
        client_id: ADMIN_CLIENT_ID,
        client_name: "Portvakt demo (Digdir admin)",
        description:
          "Admin client of the demo provider; authenticates with its business certificate",
        client_orgno: PROVIDER_ORGNO,
        integration_type: "api_klient",
        scopes: [...ALL_ADMIN_SCOPES],
      },
      now,
    ),
  );
  store.putClient(
    seedClient(
      {
        client_id: CONSUMER_ADMIN_CLIENT_ID,
        client_name: "Portvakt demo (NAV admin)",
        description: "Admin client of the demo consumer",
        client_orgno: CONSUMER_ORGNO,
        integration_type: "api_klient",
        scopes: [
          "idporten:dcr.read",
          "idporten:dcr.write",
          "idporten:dcr.modify",
          "idporten:scopes.read",
        ],
      },
      now,
    ),
  );
  DEMO_KEYED_CLIENTS.forEach((entry, index) => {
    store.putClient(
      seedClient(
        {
          client_id: entry.clientId,
          client_name: entry.name,
          description: entry.description,
          client_orgno: CONSUMER_ORGNO,
          scopes: [...entry.scopes],
        },
        now,
      ),
    );
    const key = material.clientKeys[index];
    if (key) {
      store.setJwks(entry.clientId, {
        keys: [{ ...key.publicJwk, exp: store.clock.epochSeconds() + KEY_LIFETIME_SECONDS }],
        created: now,
        last_updated: now,
      });
    }
  });
  store.putClient(
    seedClient(
      {
        client_id: DEMO_INACTIVE_CLIENT_ID,
        client_name: "NAV utfaset klient",
        description: "Slettet klient, vises med ?inactive=true",
        client_orgno: CONSUMER_ORGNO,
        scopes: ["difi:api3"],
        active: false,
      },
      now,
    ),
  );
  store.putClient(
    seedClient(
      {
        client_id: DEMO_LEGACY_KEY_CLIENT_ID,
        client_name: "Digdir eldre integrasjon",
        description: "Nøkkel registrert før 2025, uten use",
        client_orgno: PROVIDER_ORGNO,
        scopes: ["difi:api3"],
      },
      now,
    ),
  );
  store.setJwks(DEMO_LEGACY_KEY_CLIENT_ID, {
    keys: [
      {
        kty: "RSA",
        e: "AQAB",
        n: legacyModulus(),
        kid: DEMO_LEGACY_KID,
        alg: "RS256",
        exp: store.clock.epochSeconds() + 200 * 86_400,
      },
    ],
    created: now,
    last_updated: now,
  });
  store.putClient(
    seedClient(
      {
        client_id: DEMO_PROVIDER_CONSUMER_CLIENT_ID,
        client_name: "Digdir pensjonsoppslag",
        description: "Digdir som konsument av NAVs API; bruker virksomhetssertifikatet",
        client_orgno: PROVIDER_ORGNO,
        scopes: ["nav:pensjon/v3/alderspensjon"],
        access_token_lifetime: 300,
      },
      now,
    ),
  );
}
