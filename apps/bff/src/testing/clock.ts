/**
 * A clock a test moves by hand: `now()` is epoch ms, the real time plus an offset (or, `frozen`,
 * the time of creation plus the offset); `shift(ms)` moves it forward or back. Passed as `now`
 * to the BFF's parts, it replaces waiting in tests, as `/__control/clock` does for the simulator.
 */
export function shiftableClock(options: { frozen?: boolean } = {}): {
  now: () => number;
  shift: (ms: number) => void;
} {
  const start = Date.now();
  let offset = 0;
  return {
    now: () => (options.frozen ? start : Date.now()) + offset,
    shift: (ms) => {
      offset += ms;
    },
  };
}
