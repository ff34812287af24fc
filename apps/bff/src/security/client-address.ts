import { BlockList, isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** An address as written in a socket or a header, IPv4-mapped IPv6 (`::ffff:1.2.3.4`) made IPv4. */
function normalise(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

/**
 * The proxies (load balancer, ingress) whose `X-Forwarded-For` Portvakt believes: addresses or
 * CIDR ranges, IPv4 or IPv6 (`10.0.0.0/8`, `::1`). Throws on an entry that is neither.
 */
export class TrustedProxies {
  readonly #list = new BlockList();
  readonly size: number;
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = "", prefix] = entry.trim().split("/");
      const family = isIP(normalise(address));
      if (!family) throw new Error(`trustedProxies: "${entry}" is not an IP address or CIDR range`);
      const type = family === 4 ? "ipv4" : "ipv6";
      if (prefix === undefined) this.#list.addAddress(normalise(address), type);
      else {
        const bits = Number(prefix);
        if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
          throw new Error(`trustedProxies: "${entry}" has a bad prefix length`);
        }
        this.#list.addSubnet(normalise(address), bits, type);
      }
    }
    this.size = entries.length;
  }

  trusts(address: string): boolean {
    const family = isIP(address);
    if (!family) return false;
    return this.#list.check(address, family === 4 ? "ipv4" : "ipv6");
  }
}

/** The TCP peer's address, or "unknown" when the request did not come through a Node socket. */
export function socketAddress(c: Context): string {
  try {
    const address = getConnInfo(c).remote.address;
    return address ? normalise(address) : "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * Who is on the other end, for per-address limits (issue 13 #7): the socket's address, unless
 * that is a trusted proxy; then `X-Forwarded-For` is read from the right (each proxy appends the
 * address it saw) and the first hop that is not a trusted proxy is the client. Hops a client
 * wrote itself (left of that) are never believed. A malformed hop stops the walk at the last
 * trusted address, so a broken header cannot give a fresh bucket. With no trusted proxies the
 * header is ignored altogether.
 */
export function clientAddress(c: Context, trusted: TrustedProxies): string {
  let address = socketAddress(c);
  if (trusted.size === 0 || !trusted.trusts(address)) return address;
  const hops = (c.req.raw.headers.get("X-Forwarded-For") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalise(hops[i]!);
    if (!isIP(hop)) return address;
    address = hop;
    if (!trusted.trusts(hop)) return hop;
  }
  return address;
}
