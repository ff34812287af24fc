/** What `GET /__control/stats` reports: how often each route was called, and token traffic. */
export interface TrafficStatsReport {
  tokenRequests: { total: number; successful: number };
  /** Keyed `METHOD /route/pattern`, e.g. `GET /api/v1/clients/:id`. */
  requests: Record<string, number>;
}

export class TrafficStats {
  private tokenTotal = 0;
  private tokenSuccessful = 0;
  private readonly perRoute = new Map<string, number>();

  countRequest(route: string): void {
    this.perRoute.set(route, (this.perRoute.get(route) ?? 0) + 1);
  }

  countTokenRequest(successful: boolean): void {
    this.tokenTotal++;
    if (successful) this.tokenSuccessful++;
  }

  reset(): void {
    this.tokenTotal = 0;
    this.tokenSuccessful = 0;
    this.perRoute.clear();
  }

  report(): TrafficStatsReport {
    return {
      tokenRequests: { total: this.tokenTotal, successful: this.tokenSuccessful },
      requests: Object.fromEntries(this.perRoute),
    };
  }
}
