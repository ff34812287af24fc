import { readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import {
  type ConfigDocument,
  configJsonSchema,
  DocumentError,
  type DocumentFormat,
  type Plan,
  parseDocument,
  resolveKeyFiles,
  StalePlanError,
  UnconfirmedStepsError,
} from "@portvakt/config-as-code";
import { isApiTokenShape } from "@portvakt/contracts";
import { CredentialError, MaskinportenError } from "@portvakt/maskinporten";
import { type Backend, bffBackend, CliError, directBackend } from "./backend";
import { type Palette, paletteFor, renderPlan, renderReport } from "./render";

const VERSION = "0.1.0";

const CONNECTION_HELP = `Connection, directly to Digdir (or the simulator):
  --issuer URL          Maskinporten issuer, e.g. https://test.maskinporten.no/   [PORTVAKT_ISSUER]
  --api-base-url URL    self-service API, e.g. https://api.test.samarbeid.digdir.no [PORTVAKT_API_BASE_URL]
  --client-id ID        the admin client's client_id                              [PORTVAKT_CLIENT_ID]
  --credential SPEC     pkcs12:PATH (password in PORTVAKT_P12_PASSWORD),
                        pem:KEY_PATH:CERT_CHAIN_PATH, or jwk:PATH                 [PORTVAKT_CREDENTIAL]
  --admin-scopes LIST   comma-separated admin scopes (default: all)               [PORTVAKT_ADMIN_SCOPES]
  --env ID              environment id checked against the document's environment
                        (default: test/prod from the issuer, demo for a loopback one) [PORTVAKT_ENV]
  --production          treat every step as dangerous (default for the prod issuer)

Connection, through a Portvakt BFF (its roles, prod guard and audit apply):
  --bff URL --env ID    sends the pipeline token in PORTVAKT_BFF_TOKEN (pvt_..., issued by an
                        admin on the BFF's API tokens page), or else the session cookie in
                        PORTVAKT_BFF_COOKIE (the Cookie header of a signed-in browser)`;

const HELP: Record<string, string> = {
  main: `portvakt ${VERSION} — Maskinporten configuration as code

Usage:
  portvakt export [--format yaml|json] [--out FILE]     the environment as a document
  portvakt plan FILE [--json] [--detailed-exitcode]    what applying FILE would change
  portvakt apply FILE [--auto-approve] [--confirm ID]  make the environment match FILE
  portvakt schema                                      the document's JSON Schema
  portvakt promote --from ID --to ID --map FILE [--apply] --bff URL
                                                       another environment's configuration here

Run "portvakt <command> --help" for a command's options.

${CONNECTION_HELP}`,
  export: `Usage: portvakt export [--format yaml|json] [--out FILE] CONNECTION

Writes the environment's owned scopes, their consumers and the Maskinporten clients with their
public keys as a document, sorted so that two exports of the same state are byte-identical.

  --format yaml|json    default yaml
  --out FILE            write to FILE instead of standard output

${CONNECTION_HELP}`,
  plan: `Usage: portvakt plan FILE [--json] [--detailed-exitcode] CONNECTION

Shows what applying FILE (YAML or JSON) would change, grouped by scope and client, with the
dangerous steps marked. Nothing is changed. Key files named by "file:" are read relative to FILE.

  --json                print the plan as JSON
  --detailed-exitcode   exit 0 when there are no changes, 2 when there are, 1 on error
  --format yaml|json    how FILE is written (default: from its first character)

${CONNECTION_HELP}`,
  apply: `Usage: portvakt apply FILE [--auto-approve | --confirm ID ...] [--json] CONNECTION

Plans FILE, shows the plan, asks for confirmation at a terminal, then carries it out in a safe
order (scopes before their grants, revokes before deactivating), stopping at the first failure.
Applying the same file twice changes nothing the second time.

  --auto-approve        apply without asking, confirming every dangerous step (pipelines)
  --confirm ID          confirm one dangerous step by its id (repeatable); with it, no prompt
  --confirm-env ID      through a BFF: confirm removals in a prod environment by naming it
                        (sent as X-Portvakt-Confirm-Env; the BFF refuses them without it)
  --json                print the plan and the report as JSON ({plan, report})
  --format yaml|json    how FILE is written (default: from its first character)

${CONNECTION_HELP}`,
  promote: `Usage: portvakt promote --from ID --to ID --map FILE [--apply [--step ID ...] [--auto-approve]] --bff URL

Through a Portvakt BFF only: plans the --from environment's scopes, grants and clients, mapped
by the mapping file (org numbers, scope prefixes, client names; README: "Promotion from test to
prod"), against the --to environment. Keys are never promoted. Nothing changes without --apply.

  --from ID             the source environment's id in Portvakt
  --to ID               the target environment's id (also --env)
  --map FILE            the mapping file, YAML or JSON
  --apply               apply the plan's steps (asks at a terminal; --auto-approve in pipelines)
  --step ID             apply only this step (repeatable); a step needing another not chosen is refused
  --auto-approve        apply without asking
  --confirm-env ID      confirm removals in a prod target by naming it
  --json                print the plan (and report) as JSON

Connection: --bff URL with PORTVAKT_BFF_TOKEN or PORTVAKT_BFF_COOKIE, as for the other commands.`,
  schema: `Usage: portvakt schema

Prints the JSON Schema of the document (the same as the BFF's /api/schema/portvakt-config.json).`,
};

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
  format: { type: "string" },
  out: { type: "string", short: "o" },
  json: { type: "boolean" },
  "detailed-exitcode": { type: "boolean" },
  "auto-approve": { type: "boolean" },
  confirm: { type: "string", multiple: true },
  "confirm-env": { type: "string" },
  issuer: { type: "string" },
  "api-base-url": { type: "string" },
  "client-id": { type: "string" },
  credential: { type: "string" },
  "admin-scopes": { type: "string" },
  env: { type: "string" },
  production: { type: "boolean" },
  bff: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  map: { type: "string" },
  apply: { type: "boolean" },
  step: { type: "string", multiple: true },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>["values"];

interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

function formatOf(value: string | undefined): DocumentFormat | undefined {
  if (value === undefined) return undefined;
  if (value === "yaml" || value === "json") return value;
  throw new CliError(`--format is yaml or json, not "${value}"`);
}

function bffOf(values: Values, env: NodeJS.ProcessEnv, environment: string) {
  // Read leniently (a secret store's trailing line break is trimmed), checked strictly, and
  // never echoed: fetch's own error for a bad header value quotes the value, token and all.
  const cookie = env.PORTVAKT_BFF_COOKIE?.trim() || undefined;
  const token = env.PORTVAKT_BFF_TOKEN?.trim() || undefined;
  if (token !== undefined && !isApiTokenShape(token)) {
    throw new CliError(
      "PORTVAKT_BFF_TOKEN is not one pipeline token: pvt_ followed by 43 characters (A-Z, a-z, 0-9, - and _), nothing around it (the value is not shown)",
    );
  }
  if (cookie !== undefined && !/^[\x20-\x7e]+$/.test(cookie)) {
    throw new CliError(
      "PORTVAKT_BFF_COOKIE holds a line break or a character a Cookie header cannot carry: give the header's value on one line (the value is not shown)",
    );
  }
  if (cookie && token) {
    throw new CliError(
      "Set only one of PORTVAKT_BFF_TOKEN and PORTVAKT_BFF_COOKIE (the BFF refuses a request with both)",
    );
  }
  if (!cookie && !token) {
    throw new CliError(
      "Set PORTVAKT_BFF_TOKEN to a pipeline token (an admin issues one on the BFF's API tokens page), or PORTVAKT_BFF_COOKIE to the Cookie header of a signed-in browser session",
    );
  }
  return bffBackend({
    url: values.bff!,
    environment,
    ...(token ? { token } : { cookie: cookie! }),
    ...(values["confirm-env"] ? { confirmEnvironment: values["confirm-env"] } : {}),
  });
}

/** `portvakt promote`: plan, and with --apply apply, a promotion through the BFF. */
async function promote(values: Values, io: Io, palette: Palette): Promise<number> {
  const to = values.to ?? values.env;
  if (!values.bff) throw new CliError("promote runs through a Portvakt BFF: give --bff URL");
  if (!values.from || !to) throw new CliError("promote needs --from ID and --to ID");
  if (!values.map) throw new CliError("promote needs --map FILE (the mapping file)");
  let mapping: string;
  try {
    mapping = await readFile(values.map, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${values.map}: ${(error as Error).message}`);
  }
  const promotion = bffOf(values, io.env, to).promotion;
  const { plan, documentFingerprint } = await promotion.plan(values.from, mapping);
  if (!values.apply) {
    io.stdout.write(values.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan, palette));
    if (values["detailed-exitcode"]) return plan.steps.length > 0 ? 2 : 0;
    return 0;
  }
  if (!values.json) io.stdout.write(renderPlan(plan, palette));
  const steps = values.step ?? plan.steps.map((step) => step.id);
  if (steps.length === 0) {
    if (values.json) io.stdout.write(`${JSON.stringify({ plan, report: null }, null, 2)}\n`);
    return 0;
  }
  if (!values["auto-approve"]) {
    if (!io.stdin.isTTY) {
      throw new CliError("Not at a terminal: pass --auto-approve to apply the chosen steps");
    }
    const answer = await ask(
      io,
      `Apply ${steps.length} step(s) from ${values.from} to ${to}? Only "yes" applies: `,
    );
    if (answer !== "yes") {
      io.stderr.write("Nothing applied.\n");
      return 1;
    }
  }
  const report = await promotion.apply(
    values.from,
    mapping,
    { plan: plan.fingerprint, document: documentFingerprint },
    steps,
  );
  io.stdout.write(
    values.json ? `${JSON.stringify({ plan, report }, null, 2)}\n` : renderReport(report, palette),
  );
  return report.status === "failed" ? 1 : 0;
}

function backendOf(values: Values, env: NodeJS.ProcessEnv): Promise<Backend> {
  const environment = values.env ?? env.PORTVAKT_ENV;
  if (values.bff) {
    if (!environment) throw new CliError("--bff needs --env (the environment id in Portvakt)");
    return Promise.resolve(bffOf(values, env, environment));
  }
  const need = (value: string | undefined, flag: string, variable: string) => {
    if (!value) throw new CliError(`Missing ${flag} (or ${variable}); see --help`);
    return value;
  };
  const scopes = values["admin-scopes"] ?? env.PORTVAKT_ADMIN_SCOPES;
  return directBackend({
    issuer: need(values.issuer ?? env.PORTVAKT_ISSUER, "--issuer", "PORTVAKT_ISSUER"),
    apiBaseUrl: need(
      values["api-base-url"] ?? env.PORTVAKT_API_BASE_URL,
      "--api-base-url",
      "PORTVAKT_API_BASE_URL",
    ),
    clientId: need(
      values["client-id"] ?? env.PORTVAKT_CLIENT_ID,
      "--client-id",
      "PORTVAKT_CLIENT_ID",
    ),
    credential: need(
      values.credential ?? env.PORTVAKT_CREDENTIAL,
      "--credential",
      "PORTVAKT_CREDENTIAL",
    ),
    ...(scopes
      ? {
          adminScopes: scopes
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
    ...(environment ? { environment } : {}),
    ...(values.production ? { production: true } : {}),
    ...(env.PORTVAKT_P12_PASSWORD !== undefined ? { p12Password: env.PORTVAKT_P12_PASSWORD } : {}),
  });
}

async function readDocument(path: string | undefined, format: DocumentFormat | undefined) {
  if (!path) throw new CliError("Name the document file; see --help");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  const detected = format ?? (path.endsWith(".json") ? "json" : undefined);
  const document = parseDocument(text, detected);
  return resolveKeyFiles(document, dirname(resolve(path)));
}

async function ask(io: Io, question: string): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** Which dangerous steps the run confirms; undefined when the person declined. */
async function confirmationsFor(
  plan: Plan,
  values: Values,
  io: Io,
  palette: Palette,
): Promise<string[] | undefined> {
  const dangerous = plan.steps.filter((step) => step.dangerous).map((step) => step.id);
  if (values["auto-approve"]) return dangerous;
  if (values.confirm) return values.confirm;
  if (!io.stdin.isTTY) {
    throw new CliError(
      "Not at a terminal: pass --auto-approve (or --confirm ID for each dangerous step) to apply",
    );
  }
  if (dangerous.length > 0) {
    io.stderr.write(
      palette.red(`${dangerous.length} dangerous step(s) are marked "! dangerous" above.\n`),
    );
  }
  const answer = await ask(
    io,
    `Apply ${plan.steps.length} step(s) to ${plan.environment}? Only "yes" applies: `,
  );
  return answer === "yes" ? dangerous : undefined;
}

async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
  });
  const [command, ...rest] = positionals;
  if (values.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!command || (values.help && !HELP[command])) {
    io.stdout.write(`${HELP.main}\n`);
    return command || values.help ? 0 : 1;
  }
  if (!HELP[command]) throw new CliError(`Unknown command "${command}"; see portvakt --help`);
  if (values.help) {
    io.stdout.write(`${HELP[command]}\n`);
    return 0;
  }
  const palette = paletteFor(io.stdout, io.env);
  const format = formatOf(values.format);

  if (command === "schema") {
    io.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (command === "promote") return promote(values, io, palette);
  if (command === "export") {
    const backend = await backendOf(values, io.env);
    const text = await backend.exportText(format ?? "yaml");
    if (values.out) await writeFile(values.out, text);
    else io.stdout.write(text);
    return 0;
  }

  const document: ConfigDocument = await readDocument(rest[0], format);
  const backend = await backendOf(values, io.env);
  const plan = await backend.plan(document);
  if (command === "plan") {
    io.stdout.write(values.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan, palette));
    if (values["detailed-exitcode"]) return plan.steps.length > 0 ? 2 : 0;
    return 0;
  }

  // apply
  if (!values.json) io.stdout.write(renderPlan(plan, palette));
  if (plan.steps.length === 0) {
    if (values.json) io.stdout.write(`${JSON.stringify({ plan, report: null }, null, 2)}\n`);
    return 0;
  }
  const confirm = await confirmationsFor(plan, values, io, palette);
  if (!confirm) {
    io.stderr.write("Nothing applied.\n");
    return 1;
  }
  if (!values.json) io.stdout.write("\n");
  const report = await backend.apply(document, plan.fingerprint, confirm);
  io.stdout.write(
    values.json ? `${JSON.stringify({ plan, report }, null, 2)}\n` : renderReport(report, palette),
  );
  return report.status === "failed" ? 1 : 0;
}

/** Runs the CLI and answers the exit code; errors a person can act on are printed plainly. */
export async function main(argv: string[], io: Io): Promise<number> {
  const palette = paletteFor(io.stderr, io.env);
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof DocumentError) {
      io.stderr.write(`${palette.red("The document is refused:")}\n`);
      for (const issue of error.issues) {
        io.stderr.write(`  ${issue.path ? `${palette.bold(issue.path)}: ` : ""}${issue.message}\n`);
      }
    } else if (error instanceof StalePlanError) {
      io.stderr.write(`${palette.red(error.message)}\n`);
    } else if (error instanceof UnconfirmedStepsError) {
      io.stderr.write(
        `${palette.red(error.message)}\nConfirm each with --confirm ID, or use --auto-approve.\n`,
      );
    } else if (error instanceof MaskinportenError) {
      io.stderr.write(`${palette.red(error.message)}\n${error.explanation}\n`);
      if (error.correlationId) io.stderr.write(`correlation id: ${error.correlationId}\n`);
    } else if (
      error instanceof CliError ||
      error instanceof CredentialError ||
      (error instanceof TypeError &&
        "code" in error &&
        error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
    ) {
      io.stderr.write(`${palette.red(error.message)}\n`);
    } else {
      io.stderr.write(`${palette.red("portvakt failed unexpectedly:")} ${String(error)}\n`);
    }
    return 1;
  }
}
