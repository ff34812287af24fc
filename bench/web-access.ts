import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import { orgNumberProblem } from "@portvakt/contracts";
import { startStack } from "../apps/bff/src/stack";

// The Access page in real Chromium against the real stack: time to the first rows and time to
// filter, with 10,000 grants beside 100 in the same run, so the ratio says how the page scales
// regardless of the machine. Grants are written straight into the simulator's store (the BFF
// limits each person's changes per minute); everything the browser does is the real path.
const SIZES = [100, 10_000] as const;
const SCOPES: Record<(typeof SIZES)[number], string> = {
  100: "digdir:intern/statistikk",
  10000: "digdir:demo/v1/hendelser",
};
const LOADS = 5;
const FILTERS_PER_LOAD = 3;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return +sorted[Math.floor(sorted.length / 2)]!.toFixed(1);
};

function validOrgnos(count: number, start: number): string[] {
  const out: string[] = [];
  for (let base = start; out.length < count; base++) {
    for (let check = 0; check <= 9; check++) {
      if (orgNumberProblem(`${base}${check}`) === null) {
        out.push(`${base}${check}`);
        break;
      }
    }
  }
  return out;
}

/** What the browser downloads before the first page shows: entry script, its preloads, CSS. */
function firstLoadBytes(dist: string) {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  const sizes = (ext: string) =>
    refs
      .filter((r) => r.endsWith(ext))
      .map((r) => {
        const bytes = readFileSync(join(dist, r));
        return { file: r, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      });
  const js = sizes(".js");
  const css = sizes(".css");
  const sum = (list: { gzip: number }[]) => list.reduce((s, f) => s + f.gzip, 0);
  return {
    js_files: js.map((f) => f.file),
    js_raw_kb: +(js.reduce((s, f) => s + f.raw, 0) / 1024).toFixed(1),
    js_gzip_kb: +(sum(js) / 1024).toFixed(1),
    css_gzip_kb: +(sum(css) / 1024).toFixed(1),
  };
}

function gzipTotal(dist: string, files: string[]) {
  const gzip = files.reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length,
    0,
  );
  return { js_files: files.sort(), js_gzip_kb: +(gzip / 1024).toFixed(1) };
}

declare global {
  interface Window {
    __firstRowAt?: number;
  }
}

/** Loads the page and returns when its first grant row was in the DOM (ms since navigation). */
async function loadAccessPage(page: Page, origin: string, scope: string, total: number) {
  // The address names its environment (`/{env}/access`), as a shared link does: no redirect.
  await page.goto(`${origin}/demo/access?${new URLSearchParams({ scope })}`, {
    waitUntil: "commit",
  });
  await page.waitForFunction(() => window.__firstRowAt !== undefined, undefined, {
    timeout: 60_000,
    polling: 50,
  });
  const firstRowMs = await page.evaluate(() => window.__firstRowAt!);
  // All rows are loaded (the count under the table says so) before filtering is measured.
  await page.waitForFunction(
    (expected) => {
      const text = document.querySelector("[data-testid=grants-table] + p")?.textContent ?? "";
      const m = text.match(/^\D*([\d\s\u00a0.,]+)\D+([\d\s\u00a0.,]+)$/);
      return m !== null && Number(m[2]!.replace(/\D/g, "")) === expected;
    },
    total,
    { timeout: 60_000 },
  );
  return firstRowMs;
}

/**
 * Puts `term` in the search box the way a paste does (one input event) and measures, inside the
 * page, until the table shows one row (or all again) and the next frame has been painted.
 */
async function timeFilter(page: Page, term: string, expect: "one" | "all") {
  return page.evaluate(
    async ({ term, expect }) => {
      const input = document.querySelector<HTMLInputElement>("main input[type=search]")!;
      const count = document.querySelector("[data-testid=grants-table] + p")!;
      const read = () => {
        const m = (count.textContent ?? "").match(/^\D*([\d\s\u00a0.,]+)\D+([\d\s\u00a0.,]+)$/);
        return m ? [Number(m[1]!.replace(/\D/g, "")), Number(m[2]!.replace(/\D/g, ""))] : [-1, -1];
      };
      const done = (shown: number, total: number) =>
        expect === "one" ? shown === 1 : shown === total && total > 1;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
      const started = performance.now();
      setValue.call(input, term);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise<void>((resolve) => {
        const test = () => {
          const [shown, total] = read();
          return done(shown!, total!);
        };
        if (test()) return resolve();
        const observer = new MutationObserver(() => {
          if (test()) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(count, { childList: true, characterData: true, subtree: true });
      });
      const inDom = performance.now() - started;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return { inDom, painted: performance.now() - started };
    },
    { term, expect },
  );
}

export async function benchWebAccess(root: string) {
  const dist = mkdtempSync(join(tmpdir(), "portvakt-web-bench-"));
  // A private build: the shared apps/web/dist may be rebuilt by others meanwhile.
  execFileSync(
    "pnpm",
    ["--filter", "@portvakt/web", "exec", "vite", "build", "--outDir", dist, "--emptyOutDir"],
    { cwd: root, stdio: "ignore" },
  );
  const bundle = firstLoadBytes(dist);

  const stack = await startStack({ mode: "test", webDist: dist });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  try {
    const store = stack.simulator.store;
    const orgnos = validOrgnos(10_000, 50_000_000);
    const seeded: Record<string, number> = {};
    for (const size of SIZES) {
      for (const orgno of orgnos.slice(0, size))
        store.setGrantState(SCOPES[size], orgno, "APPROVED");
      seeded[size] = store.grantsOfScope(SCOPES[size]).filter((g) => g.state === "APPROVED").length;
    }

    const context = await browser.newContext({
      locale: "nb-NO",
      viewport: { width: 1280, height: 900 },
    });
    // tsx (esbuild) names inner functions through a `__name` helper that pages do not have.
    await context.addInitScript({ content: "window.__name = (f) => f;" });
    await context.addInitScript(() => {
      localStorage.setItem("portvakt.lang", "nb");
      new MutationObserver((_, observer) => {
        if (document.querySelector("[data-testid=grants-table] tbody tr[data-index]")) {
          window.__firstRowAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    await page.goto(`${stack.url}/auth/login?returnTo=/demo/scopes`);
    await page.getByRole("button", { name: /Ada Administrator/ }).click();
    await page.waitForURL((url) => url.pathname === "/demo/scopes");

    const samples = Object.fromEntries(
      SIZES.map((s) => [
        s,
        {
          firstRow: [] as number[],
          filter: [] as number[],
          filterPainted: [] as number[],
          clear: [] as number[],
        },
      ]),
    );
    // Every script the Access page needs on a fresh load: the entry, its imports, the route chunk.
    const accessScripts = new Set<string>();
    const onRequest = (request: { url(): string }) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/assets/") && path.endsWith(".js")) accessScripts.add(path);
    };
    for (let load = 0; load < LOADS + 1; load++) {
      for (const size of SIZES) {
        if (load === 0 && size === SIZES[0]) page.on("request", onRequest);
        const firstRow = await loadAccessPage(page, stack.url, SCOPES[size], seeded[size]!);
        page.off("request", onRequest);
        const target = orgnos[Math.floor(size * 0.42)]!;
        for (let i = 0; i < FILTERS_PER_LOAD; i++) {
          const filtered = await timeFilter(page, target, "one");
          const cleared = await timeFilter(page, "", "all");
          // The first load warms the caches (HTTP, JIT) and is not counted.
          if (load === 0) continue;
          samples[size]!.filter.push(filtered.inDom);
          samples[size]!.filterPainted.push(filtered.painted);
          samples[size]!.clear.push(cleared.painted);
        }
        if (load > 0) samples[size]!.firstRow.push(firstRow);
      }
    }
    await context.close();

    const result = Object.fromEntries(
      SIZES.map((size) => [
        `grants_${size}`,
        {
          grants: seeded[size],
          first_rows_ms: median(samples[size]!.firstRow),
          filter_to_rows_ms: median(samples[size]!.filter),
          filter_to_paint_ms: median(samples[size]!.filterPainted),
          clear_filter_to_paint_ms: median(samples[size]!.clear),
        },
      ]),
    ) as Record<
      string,
      { first_rows_ms: number; filter_to_paint_ms: number; clear_filter_to_paint_ms: number }
    >;
    const small = result.grants_100!;
    const large = result.grants_10000!;
    return {
      description:
        "Access page in Chromium (headless, real BFF + simulator, signed in through the demo provider): time from navigation to the first grant row in the DOM, and from one input event in the search box to the filtered rows painted; medians of repeated loads and filters",
      loads: LOADS,
      filters_per_load: FILTERS_PER_LOAD,
      ...result,
      ratios_10000_vs_100: {
        first_rows: +(large.first_rows_ms / small.first_rows_ms).toFixed(2),
        filter: +(large.filter_to_paint_ms / small.filter_to_paint_ms).toFixed(2),
        clear_filter: +(large.clear_filter_to_paint_ms / small.clear_filter_to_paint_ms).toFixed(2),
      },
      first_load: bundle,
      access_page_load: gzipTotal(dist, [...accessScripts]),
      targets: {
        filter_10000_under_100_ms: large.filter_to_paint_ms < 100,
        first_load_js_under_200_kb_gzip: bundle.js_gzip_kb < 200,
      },
      chromium: browser.version(),
    };
  } finally {
    await browser.close();
    await stack.close();
    rmSync(dist, { recursive: true, force: true });
  }
}
