import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client, JwksResponse, ScopeAccess } from "@portvakt/contracts";
import { z } from "zod";
import type { SigningKeyMaterial } from "./access-token";
import { organizationName } from "./organization-register";
import { businessCertificateFromPem, clientKeyPairFromPem, loadCa } from "./pki";
import {
  createDemoMaterial,
  DEMO_KEYED_CLIENTS,
  DEMO_ORGANIZATIONS,
  DEMO_P12_PASSWORD,
  type DemoMaterial,
} from "./seed";
import type { StoreSnapshot } from "./store";

/** `<repo>/.data/simulator`: git-ignored, next to the other apps' demo data. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../.data/simulator", import.meta.url));

/** Where each demo file lives inside the data folder. */
export function demoPaths(dataDir: string) {
  return {
    caCert: join(dataDir, "ca", "ca.pem"),
    caKey: join(dataDir, "ca", "ca-key.pem"),
    orgDir: (orgno: string) => join(dataDir, "orgs", orgno),
    clientKey: (kid: string) => join(dataDir, "client-keys", `${kid}.pem`),
    signingKey: join(dataDir, "signing-key.json"),
    state: join(dataDir, "state.json"),
  };
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export function writeFileAtomically(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

/**
 * The demo material (CA, business certificates, client keys, token-signing key) saved in
 * `dataDir` (the layout of `demoPaths`), or `undefined` when a file is missing or unreadable, or
 * the CA or a certificate has expired by `now`. Reads only; never throws.
 */
export async function readDemoMaterial(
  dataDir: string,
  now: Date,
): Promise<DemoMaterial | undefined> {
  const paths = demoPaths(dataDir);
  try {
    const ca = await loadCa(readFileSync(paths.caCert, "utf8"), readFileSync(paths.caKey, "utf8"));
    if (ca.notAfter < now) return undefined;
    const orgs: DemoMaterial["orgs"] = {};
    for (const { orgno } of DEMO_ORGANIZATIONS) {
      const dir = paths.orgDir(orgno);
      const cert = businessCertificateFromPem({
        orgno,
        name: organizationName(orgno),
        certPem: readFileSync(join(dir, "cert.pem"), "utf8"),
        keyPem: readFileSync(join(dir, "key.pem"), "utf8"),
        caCertPem: ca.certPem,
      });
      if (cert.notAfter < now) return undefined;
      orgs[orgno] = {
        ...cert,
        p12: readFileSync(join(dir, "cert.p12")),
        p12Password: DEMO_P12_PASSWORD,
      };
    }
    const clientKeys = await Promise.all(
      DEMO_KEYED_CLIENTS.map(({ kid }) =>
        clientKeyPairFromPem(kid, readFileSync(paths.clientKey(kid), "utf8")),
      ),
    );
    const signingKey = JSON.parse(readFileSync(paths.signingKey, "utf8")) as SigningKeyMaterial;
    return { ca, orgs, clientKeys, signingKey };
  } catch {
    return undefined;
  }
}

function writeDemoMaterial(dataDir: string, material: DemoMaterial): void {
  const paths = demoPaths(dataDir);
  writeFileAtomically(paths.caCert, material.ca.certPem);
  writeFileAtomically(paths.caKey, material.ca.keyPem);
  for (const org of Object.values(material.orgs)) {
    const dir = paths.orgDir(org.orgno);
    writeFileAtomically(join(dir, "cert.pem"), org.certPem);
    writeFileAtomically(join(dir, "key.pem"), org.keyPem);
    writeFileAtomically(join(dir, "chain.pem"), org.chainPem);
    writeFileAtomically(join(dir, "cert.p12"), org.p12);
  }
  for (const key of material.clientKeys) {
    writeFileAtomically(paths.clientKey(key.kid), key.privateKeyPem);
  }
  writeFileAtomically(paths.signingKey, JSON.stringify(material.signingKey, null, 2));
}

/**
 * The demo's keys and certificates from the data folder, created on first start (or when they
 * expired). `fresh` tells the caller that any saved state refers to keys that no longer exist.
 */
export async function loadOrCreateDemoMaterial(
  dataDir: string,
): Promise<{ material: DemoMaterial; fresh: boolean }> {
  const existing = await readDemoMaterial(dataDir, new Date());
  if (existing) return { material: existing, fresh: false };
  const material = await createDemoMaterial();
  rmSync(demoPaths(dataDir).state, { force: true });
  writeDemoMaterial(dataDir, material);
  return { material, fresh: true };
}

const StoreSnapshotSchema = z.object({
  version: z.literal(1),
  prefixes: z.record(z.string(), z.array(z.string())),
  // The store holds scopes as Digdir answers them, odd rows included (the seeded sparse row has
  // `"authorization_max_lifetime": ""`), so a snapshot keeps every row as it was stored.
  scopes: z.array(z.looseObject({ name: z.string().min(1) })),
  grants: z.array(ScopeAccess),
  clients: z.array(Client),
  jwks: z.record(
    z.string(),
    JwksResponse.extend({ created: z.string(), last_updated: z.string() }),
  ),
});

export function readStateSnapshot(dataDir: string): StoreSnapshot | undefined {
  const path = demoPaths(dataDir).state;
  if (!existsSync(path)) return undefined;
  const parsed = StoreSnapshotSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    console.warn(`simulator: ignoring unreadable state snapshot ${path}: ${parsed.error.message}`);
    return undefined;
  }
  return parsed.data as StoreSnapshot;
}

export function writeStateSnapshot(dataDir: string, snapshot: StoreSnapshot): void {
  writeFileAtomically(demoPaths(dataDir).state, JSON.stringify(snapshot));
}
