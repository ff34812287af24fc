/**
 * Altinn's consumer → supplier delegations of scopes, as Maskinporten checks them for a grant with
 * `consumer_org` (felleslosninger/docs `_docs/Maskinporten/maskinporten_func_delegering.md`). The
 * simulator has no Altinn: tests set delegations through `/__control/delegations`.
 */
export class AltinnDelegations {
  private readonly delegated = new Set<string>();

  private static key(consumer: string, supplier: string, scope: string): string {
    return `${consumer}\u0000${supplier}\u0000${scope}`;
  }

  /** The consumer organisation has delegated the scope to the supplier. */
  delegate(consumer: string, supplier: string, scope: string): void {
    this.delegated.add(AltinnDelegations.key(consumer, supplier, scope));
  }

  revoke(consumer: string, supplier: string, scope: string): void {
    this.delegated.delete(AltinnDelegations.key(consumer, supplier, scope));
  }

  has(consumer: string, supplier: string, scope: string): boolean {
    return this.delegated.has(AltinnDelegations.key(consumer, supplier, scope));
  }

  clear(): void {
    this.delegated.clear();
  }
}
