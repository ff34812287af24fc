/** Cookies per origin, as a browser would keep them for the sign-in dance. */
class CookieJar {
  readonly #byOrigin = new Map<string, Map<string, string>>();
  header(url: string): string {
    const cookies = this.#byOrigin.get(new URL(url).origin) ?? new Map();
    return [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  store(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const cookies = this.#byOrigin.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.#byOrigin.set(origin, cookies);
  }
  get(url: string, name: string): string | undefined {
    return this.#byOrigin.get(new URL(url).origin)?.get(name);
  }
}

/** Where a sign-in ended: the callback's answer, and the session cookie it set (if any). */
export interface SignInResult {
  /** The BFF's answer to /auth/callback (a redirect back into the console, or a problem). */
  status: number;
  /** The callback's Location header, exactly as sent. */
  location: string | null;
  /** `portvakt-session=...`, or undefined when no session cookie was set. */
  cookie: string | undefined;
}

/**
 * Runs the real OpenID Connect flow (BFF → demo provider's person picker → BFF callback) by plain
 * HTTP, following redirects by hand, and stops at the BFF's answer to the callback.
 * `rawQuery` is sent to /auth/login as is (to try malformed `returnTo` values).
 */
export async function signInFlow(
  bffUrl: string,
  sub: string,
  options: { returnTo?: string; rawQuery?: string } = {},
): Promise<SignInResult> {
  const jar = new CookieJar();
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    const cookie = jar.header(url);
    if (cookie) headers.set("Cookie", cookie);
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    jar.store(url, response);
    return response;
  };
  const query =
    options.rawQuery ?? new URLSearchParams({ returnTo: options.returnTo ?? "/" }).toString();
  let url = `${bffUrl}/auth/login?${query}`;
  let response = await go(url);
  for (let hops = 0; hops < 10; hops++) {
    if (url.startsWith(`${bffUrl}/auth/callback`)) {
      const session = jar.get(bffUrl, "portvakt-session");
      return {
        status: response.status,
        location: response.headers.get("location"),
        cookie: session ? `portvakt-session=${session}` : undefined,
      };
    }
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get("location")!, url).href;
      response = await go(url);
      continue;
    }
    if (url.includes("/interaction/")) {
      await response.text();
      response = await go(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ person: sub }).toString(),
      });
      continue;
    }
    throw new Error(`Sign-in stopped at ${url} with ${response.status}: ${await response.text()}`);
  }
  throw new Error(`Sign-in did not reach ${bffUrl}/auth/callback`);
}

/** Signs in as a demo person through the real flow and answers the session cookie. */
export async function signInOverHttp(bffUrl: string, sub: string): Promise<string> {
  const result = await signInFlow(bffUrl, sub);
  if (!result.cookie) throw new Error(`Sign-in gave no session cookie (${result.status})`);
  return result.cookie;
}
