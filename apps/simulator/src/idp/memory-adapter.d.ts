// oidc-provider ships its in-memory adapter without types; this is the one function used.
declare module "oidc-provider/lib/adapters/memory_adapter.js" {
  import type { AdapterFactory } from "oidc-provider";
  /** A fresh in-memory store per call; `clockTolerance` in seconds. */
  export function createMemoryAdapter(clockTolerance?: number): AdapterFactory;
}
