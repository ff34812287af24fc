// `pnpm portvakt …`: the CLI (apps/cli) from its TypeScript sources, right after `pnpm install`,
// without a build. pnpm runs scripts in the repository root; file arguments are relative to the
// folder pnpm was started in (INIT_CWD), as with an installed `portvakt`.
import { register } from "tsx/esm/api";

register();
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
await import("../apps/cli/src/portvakt.ts");
