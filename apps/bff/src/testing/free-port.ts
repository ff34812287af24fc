import { createServer } from "node:net";

/**
 * A loopback TCP port that is free now, for a server that must know its port before it listens
 * (the sign-in provider needs the BFF's callback address first).
 *
 * Chosen at random below Linux's default ephemeral range (32768–60999,
 * `/proc/sys/net/ipv4/ip_local_port_range`): a port the kernel hands out for `listen(0)` lies in
 * that range, and any outgoing connection may take it as its local port between the probe and
 * the real `listen` (CI saw EADDRINUSE that way). Below the range only another explicit listener
 * can. Falls back to a kernel-chosen port when 50 random ones are taken.
 * @returns the port number (1024–65535).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  return listenOnce(0);
}

async function canListen(port: number): Promise<boolean> {
  try {
    await listenOnce(port);
    return true;
  } catch {
    return false;
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(port, "127.0.0.1", () => {
      const { port: bound } = probe.address() as { port: number };
      probe.close(() => resolve(bound));
    });
  });
}
