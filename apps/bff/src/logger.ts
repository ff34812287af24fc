import pino, { type Logger } from "pino";

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
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Standard output written asynchronously: lines that come while a write is under way go out
    // together in the next one, instead of a blocking write per request. pino writes what is
    // still buffered when the process exits.
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
