import pino, { type Logger } from "pino";

const FLUSH_EVERY_MS = 200;

let timeOfMs = Number.NaN;
let timeText = "";
/**
 * pino's `isoTime` (`,"time":"2026-12-01T03:55:05.123Z"`, UTC to the millisecond), formatted
 * once per millisecond: under load many lines share one (issue 17 item 2).
 */
export function isoTime(): string {
  const now = Date.now();
  if (now !== timeOfMs) {
    timeOfMs = now;
    timeText = `,"time":"${new Date(now).toISOString()}"`;
  }
  return timeText;
}

/**
 * Standard output written asynchronously and in batches of at least 4 kB or every 200 ms,
 * whichever comes first, instead of one write per line: under load a request log line per
 * request would otherwise cost a system call each. pino writes what is still buffered when the
 * process exits (and `logger.flush()` at shutdown).
 */
function batchedStdout(): pino.DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  let pending = false;
  const write = stream.write.bind(stream);
  stream.write = (line: string) => {
    pending = true;
    return write(line);
  };
  setInterval(() => {
    if (!pending) return;
    pending = false;
    stream.flush();
  }, FLUSH_EVERY_MS).unref();
  return stream;
}

/**
 * JSON logs. Nothing that can sign or authorize is ever passed to the logger; the redaction is a
 * second fence for fields that must never appear even if someone logs a whole object by mistake.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "portvakt-bff" },
      redact: {
        paths: [
          "authorization",
          "cookie",
          "*.authorization",
          "*.cookie",
          "*.headers.authorization",
          "*.headers.cookie",
          "access_token",
          "*.access_token",
          "assertion",
          "*.assertion",
          "privateKey",
          "*.privateKey",
          "password",
          "*.password",
        ],
        censor: "[redacted]",
      },
      timestamp: isoTime,
    },
    destination ?? batchedStdout(),
  );
}

/**
 * The logger of the per-request access line (`msg: "request"`): the same output, level and
 * fields as `logger`, without the redaction walk. Build it once per app, not per request (pino's
 * `child` compiles its serialiser). Only for lines whose fields are all named at the call and are
 * scalars that cannot carry a secret (method, path without query, status, ids, duration): the
 * redaction is a fence for whole objects logged by mistake, and walking its 14 paths on every
 * request cost about as much as writing the line (issue 17 item 2; measured with
 * `pnpm bench bff-vs-direct --cpu-prof`).
 */
export function accessLineLogger(logger: Logger): Logger {
  return logger.child({}, { redact: { paths: [] } });
}
