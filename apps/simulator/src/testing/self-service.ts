/** The answer of one self-service API call, as tests look at it. */
export interface SelfServiceAnswer<Body = unknown> {
  status: number;
  body: Body;
  headers: Headers;
}

/**
 * Calls the simulator over HTTP with an optional bearer token. Query strings are the caller's
 * business: pass `?scope=${encodeURIComponent(name)}` already encoded.
 */
export async function callSelfService<Body = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string } = {},
): Promise<SelfServiceAnswer<Body>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as Body,
    headers: response.headers,
  };
}

/** `?scope=` with the name URL-encoded, as every scope-addressed call needs it. */
export function scopeQuery(name: string): string {
  return `scope=${encodeURIComponent(name)}`;
}
