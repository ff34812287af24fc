import { useSyncExternalStore } from "react";

/**
 * Private keys generated in this tab, so the token tester can sign with the key just made.
 * Memory only: never stored, never sent; a reload forgets them.
 */
export interface InMemoryKey {
  env: string;
  clientId: string;
  kid: string;
  privateKey: CryptoKey;
  createdAt: Date;
}

let keys: readonly InMemoryKey[] = [];
const listeners = new Set<() => void>();

export function rememberGeneratedKey(key: InMemoryKey): void {
  keys = [...keys.filter((k) => !(k.env === key.env && k.kid === key.kid)), key];
  for (const listener of listeners) listener();
}

export function useGeneratedKeys(): readonly InMemoryKey[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => keys,
    () => keys,
  );
}

/** Token requests that succeeded in this tab, so the rotation wizard can tick "tested". */
export interface TokenSuccess {
  env: string;
  clientId: string;
  kid: string;
  at: Date;
}

let successes: readonly TokenSuccess[] = [];
const successListeners = new Set<() => void>();

export function recordTokenSuccess(success: TokenSuccess): void {
  successes = [...successes, success];
  for (const listener of successListeners) listener();
}

export function useTokenSuccesses(): readonly TokenSuccess[] {
  return useSyncExternalStore(
    (listener) => {
      successListeners.add(listener);
      return () => successListeners.delete(listener);
    },
    () => successes,
    () => successes,
  );
}
