// Copies the production dependencies the BFF bundle cannot hold (libSQL: a native binary) into the
// image's node_modules, exactly as `pnpm install --frozen-lockfile` resolved them: nothing is
// resolved outside the lockfile. Type packages (@types/*) and binaries for another libc (musl)
// are left out. Usage: node scripts/image-deps.mjs <from package dir> <out dir> <name>...
import { cpSync, existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const [from, out, ...roots] = process.argv.slice(2);
if (!from || !out || roots.length === 0) {
  console.error("usage: node scripts/image-deps.mjs <from package dir> <out dir> <name>...");
  process.exit(2);
}
const skip = (name) => name.startsWith("@types/") || /musl/.test(name);

/** Node's resolution: <dir>/node_modules/<name>, then each parent's, as pnpm's layout expects. */
function locate(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

const placed = new Map(); // out path -> version
const top = resolve(out, "node_modules");

function place(name, sourceDir, parentOut) {
  const manifest = JSON.parse(readFileSync(join(sourceDir, "package.json"), "utf8"));
  let target = join(top, name);
  if (placed.has(target) && placed.get(target) !== manifest.version) {
    target = join(parentOut, "node_modules", name);
  }
  if (placed.get(target) === manifest.version) return;
  placed.set(target, manifest.version);
  cpSync(sourceDir, target, {
    recursive: true,
    dereference: true,
    filter: (src) => !src.slice(sourceDir.length).split("/").includes("node_modules"),
  });
  const deps = { ...manifest.dependencies, ...manifest.optionalDependencies };
  for (const dep of Object.keys(deps)) {
    if (skip(dep)) continue;
    const found = locate(dep, sourceDir);
    if (!found) {
      // Optional dependencies for other platforms are not installed: that is expected.
      if (manifest.optionalDependencies?.[dep]) continue;
      throw new Error(`${name} needs ${dep}, which is not installed (run pnpm install)`);
    }
    place(dep, found, target);
  }
}

const versions = {};
for (const name of roots) {
  const found = locate(name, resolve(from));
  if (!found) throw new Error(`${name} is not installed in ${from}`);
  versions[name] = JSON.parse(readFileSync(join(found, "package.json"), "utf8")).version;
  place(name, found, top);
}
// The versions of the roots, for the image's package.json.
console.log(JSON.stringify(versions));
