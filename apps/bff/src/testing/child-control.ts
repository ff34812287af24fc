import type { RunningBff } from "../server";

/**
 * Test-only control of a BFF started as its own OS process (`startBffProcess(…, { control: true })`),
 * so tests of several instances on one PostgreSQL can move each process's clock and run its
 * alert checks at chosen moments. It exists only when all of these hold:
 * - the environment variable `PORTVAKT_TEST_CONTROL` is `1` (main.ts loads this module only then);
 * - the process has an IPC channel, which only a parent that spawned it with one gives
 *   (nothing reachable over the network: there is no HTTP route);
 * - `NODE_ENV` is not `production`;
 * - it is not the container image's bundle: scripts/build-image.sh defines
 *   `process.env.PORTVAKT_TEST_CONTROL` away, so the bundle holds none of it
 *   (image.integration.test.ts checks).
 *
 * Messages from the parent (`id` numbers the answer):
 * - `{id, op: "clock", at}`: from now on the clock reads `at` (epoch ms) and runs on from there;
 * - `{id, op: "check", what}`: runs `checkExpiry`, `checkAccess` or `checkDrift` (`expiry`,
 *   `access`, `drift`) and answers the notices this process sent;
 * - `{id, op: "check", what: "access", hold: true}`: the same, but after the look and before any
 *   claim it says `{id, held: true}` and waits for `{id, op: "release"}`.
 * Answers: `{id, ok: true, result}` or `{id, ok: false, error}`.
 */
export interface ChildControl {
  /** The process's clock (epoch ms): the real time plus the offset the parent set. */
  now: () => number;
  /** Starts answering the parent's messages for this BFF. */
  attach(bff: RunningBff): void;
}

type Message =
  | { id: number; op: "clock"; at: number }
  | { id: number; op: "check"; what: "expiry" | "access" | "drift"; hold?: boolean }
  | { id: number; op: "release" };

/** The control of this process; throws when the conditions above do not hold. */
export function childControl(): ChildControl {
  if (process.env.NODE_ENV === "production") {
    throw new Error("PORTVAKT_TEST_CONTROL is for tests only and refused with NODE_ENV=production");
  }
  const send = process.send?.bind(process);
  if (!send) {
    throw new Error(
      "PORTVAKT_TEST_CONTROL needs the IPC channel of a test harness (bff-process.ts)",
    );
  }
  let offset = 0;
  const releases = new Map<number, () => void>();
  return {
    now: () => Date.now() + offset,
    attach(bff) {
      process.on("message", (raw) => {
        const message = raw as Message;
        if (message.op === "release") {
          releases.get(message.id)?.();
          releases.delete(message.id);
          return;
        }
        const run = async (): Promise<unknown> => {
          if (message.op === "clock") {
            offset = message.at - Date.now();
            return { offset };
          }
          if (message.what === "expiry") return bff.checkExpiry();
          if (message.what === "drift") return bff.checkDrift();
          if (!message.hold) return bff.checkAccess();
          return bff.checkAccess({
            between: () =>
              new Promise<void>((resolve) => {
                releases.set(message.id, resolve);
                send({ id: message.id, held: true });
              }),
          });
        };
        run().then(
          (result) => send({ id: message.id, ok: true, result }),
          (error: Error) => send({ id: message.id, ok: false, error: error.message }),
        );
      });
      // The IPC channel must not keep a stopping process alive.
      process.channel?.unref();
    },
  };
}
