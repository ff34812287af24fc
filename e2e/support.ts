import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, test as base, type Cookie, expect, type Page } from "@playwright/test";
import axe from "axe-core";

export { expect };

const repoRoot = resolve(import.meta.dirname, "..");

/** One Portvakt stack (test mode) that a Playwright worker runs for itself. */
export interface WorkerStack {
  /** The BFF's origin, serving the built web app: every test's `baseURL`. */
  url: string;
  /** The (demo environment's) simulator's origin, for its `/__control` routes. */
  simulatorUrl: string;
}

let currentStack: WorkerStack | undefined;

/**
 * The simulator of the stack this worker runs (origin, no trailing slash), for specs that drive
 * its test-only `/__control` routes (faults, access requests). Throws outside a running test.
 */
export function simulatorUrl(): string {
  if (!currentStack) throw new Error("simulatorUrl() is only known while a test runs");
  return currentStack.simulatorUrl;
}

/** A stack process started by `startStackProcess`. */
export interface StackProcess extends WorkerStack {
  /** Stops the process (SIGTERM) and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `apps/bff/src/stack-main.ts` in test mode on random ports: a freshly seeded simulator,
 * the demo sign-in provider and the BFF serving `apps/web/dist` (built by e2e/global-setup.ts),
 * with `env` on top (e.g. `PORTVAKT_REPLAY: "1"`). Resolves when the stack prints
 * `PORTVAKT_READY`; rejects with its stderr if the process exits first.
 */
export async function startStackProcess(env: NodeJS.ProcessEnv = {}): Promise<StackProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/bff/src/stack-main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: "0",
      PORTVAKT_MODE: "test",
      WEB_DIST: "apps/web/dist",
      SIMULATOR_PORT: "0",
      IDP_PORT: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const urls = await new Promise<WorkerStack>((done, fail) => {
    // Only the start-up lines are read. Once both are seen the listener goes, and the rest of
    // the output (an access line per request, thousands in a worker's life) is drained unread:
    // keeping it and searching the whole text again per chunk cost minutes of the worker's CPU
    // (quadratic in the output). Draining keeps the pipe from filling and stalling the stack.
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /PORTVAKT_READY (\S+)/.exec(out);
      const simulator = /PORTVAKT_SIMULATOR (\S+)/.exec(out);
      if (ready && simulator) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        out = "";
        done({ url: ready[1]!, simulatorUrl: simulator[1]! });
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => fail(new Error(`the e2e stack exited (${code}): ${errors}`)));
  });
  return {
    ...urls,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Who the demo sign-in provider offers, by the name on its button. */
export type DemoPerson =
  | "Ada Administrator"
  | "Ola Operatør"
  | "Vera Viewer"
  | "Nils Nobody"
  | "Siri Sjekker";

/**
 * A worker's signed-in sessions, one per person: the cookies a browser holds after signing in
 * through the real provider pages, so tests that are not about signing in skip those pages.
 */
export type SessionCookies = (person: DemoPerson) => Promise<Cookie[]>;

/** Signs in as the demo administrator through the real OpenID Connect flow. */
export async function signIn(page: Page, person = "Ada Administrator", returnTo = "/scopes") {
  await page.goto(`/auth/login?${new URLSearchParams({ returnTo })}`);
  await page.getByRole("button", { name: new RegExp(person) }).click();
  // Every page is under its environment: `/scopes` is answered with `/{env}/scopes`.
  const path = returnTo.split("?")[0]!;
  await page.waitForURL((url) => url.pathname === path || url.pathname.endsWith(path));
  // The shell is up (a person without a role sees no acting organisation).
  await expect(page.getByTestId("session-role")).toBeVisible();
}

/** The first load of each tab is in bokmål and the light theme (a test may switch later). */
export async function startInBokmalLight(page: Page) {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("e2e-init")) {
      sessionStorage.setItem("e2e-init", "1");
      localStorage.setItem("portvakt.theme", "light");
      localStorage.setItem("portvakt.lang", "nb");
    }
  });
}

/** Signs `person` in through the provider's pages in a context of its own; answers its cookies. */
async function signInOnce(browser: Browser, baseURL: string, person: DemoPerson) {
  const context = await browser.newContext({ baseURL, locale: "nb-NO", timezoneId: "Europe/Oslo" });
  try {
    const page = await context.newPage();
    await startInBokmalLight(page);
    await signIn(page, person);
    return await context.cookies();
  } finally {
    await context.close();
  }
}

/**
 * Every test runs against a stack of its worker's own (so workers share no simulator state), and
 * `signedIn` starts it signed in as the demo administrator, in bokmål, in the light theme.
 * Specs about signing in and signing out call `signIn` themselves; the others (roles, four-eyes)
 * start from the worker's session of each person (`signInAs`, `sessionCookies`).
 */
/**
 * Signs `person` in on `page` (default: the test's page) with the worker's session of that
 * person (`sessionCookies`: made once through the real provider pages), and opens `returnTo`
 * (default `/scopes`): the state `signIn` leaves, without the provider's pages. For tests that are
 * not about signing in; those call `signIn`.
 */
export type SignInAs = (person: DemoPerson, returnTo?: string, page?: Page) => Promise<void>;

export const test = base.extend<
  { signedIn: Page; signInAs: SignInAs },
  { stack: WorkerStack; sessionCookies: SessionCookies }
>({
  stack: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      // A prod environment on a simulator of its own (the prod guards, and promotion from demo
      // to prod between two environments that differ), and prod-review: kind prod, four-eyes on.
      const stack = await startStackProcess({
        PORTVAKT_STACK_PROD: "own",
        PORTVAKT_STACK_FOUR_EYES: "1",
      });
      currentStack = stack;
      await use(stack);
      currentStack = undefined;
      await stack.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ stack }, use) => {
    await use(stack.url);
  },
  sessionCookies: [
    async ({ browser, stack }, use) => {
      const signedIn = new Map<DemoPerson, Cookie[]>();
      await use(async (person) => {
        const cookies = signedIn.get(person);
        if (cookies && (await sessionStillOpen(stack.url, cookies))) return cookies;
        const fresh = await signInOnce(browser, stack.url, person);
        signedIn.set(person, fresh);
        return fresh;
      });
    },
    { scope: "worker" },
  ],
  signInAs: async ({ page, sessionCookies }, use) => {
    await use(async (person, returnTo = "/scopes", target = page) => {
      await openWithSession(target, await sessionCookies(person), returnTo);
    });
  },
  signedIn: async ({ page, context, sessionCookies }, use) => {
    await startInBokmalLight(page);
    await context.addCookies(await sessionCookies("Ada Administrator"));
    await page.goto("/scopes");
    await expect(page.getByTestId("session-role")).toBeVisible();
    await use(page);
  },
});

/**
 * Puts a session's `cookies` (from `sessionCookies`) into `page`'s context and opens `returnTo`
 * (a path, e.g. `/scopes` or `/access?scope=…`): the state `signIn` leaves, without the provider's
 * pages. Resolves once the page is at `returnTo` under its environment (`/scopes` is shown at
 * `/{env}/scopes`) and the shell shows the person's role; fails (expect's timeout) otherwise.
 */
export async function openWithSession(page: Page, cookies: Cookie[], returnTo = "/scopes") {
  await page.context().addCookies(cookies);
  await page.goto(returnTo);
  const path = returnTo.split("?")[0]!;
  await page.waitForURL((url) => url.pathname === path || url.pathname.endsWith(path));
  await expect(page.getByTestId("session-role")).toBeVisible();
}

/** Whether the BFF still takes these cookies' session (a test may have signed it out). */
async function sessionStillOpen(bffUrl: string, cookies: Cookie[]): Promise<boolean> {
  const host = new URL(bffUrl).hostname;
  const header = cookies
    .filter((c) => c.domain === host)
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  const response = await fetch(`${bffUrl}/api/session`, {
    headers: { Cookie: header, "X-CSRF": "1" },
  });
  await response.body?.cancel();
  return response.status === 200;
}

/**
 * Shows the open page in `lang` without leaving its state (an open dialog, a result, a toast, a
 * filled form stay as they are): the way another tab's language choice reaches this one (the
 * `storage` event, apps/web/src/lib/i18n.tsx), which works while a modal dialog makes the
 * header's language switch inert. Resolves once the page is rendered in `lang` (its catalogue
 * fetched the first time, `<html lang>` set, the switch showing it) and its animations settled.
 * A walk checks each state in nb, nn and en this way instead of repeating the flow per language.
 */
export async function showIn(page: Page, lang: Lang) {
  await page.evaluate((value) => {
    const old = localStorage.getItem("portvakt.lang");
    localStorage.setItem("portvakt.lang", value);
    window.dispatchEvent(
      new StorageEvent("storage", {
        key: "portvakt.lang",
        oldValue: old,
        newValue: value,
        storageArea: localStorage,
      }),
    );
  }, lang);
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.getByTestId("language-switch")).toHaveValue(lang);
  await untilAnimationsSettle(page);
}

/** The console's languages, in the order a walk checks them. */
export const LANGS = ["nb", "nn", "en"] as const;
export type Lang = (typeof LANGS)[number];

/**
 * Checks the open page's present state in nb, nn and en, switched in place (`showIn`: the form,
 * what was typed, the errors and toasts shown stay): `check(lang, texts[lang])` makes that
 * language's assertions, axe scans and screenshots. `acting` comes last, so the walk goes on in
 * the language it acts in next (actions find controls by their localized names).
 */
export async function inEachLanguage<Texts extends Readonly<Record<Lang, unknown>>>(
  page: Page,
  texts: Texts,
  acting: Lang,
  check: (lang: Lang, text: Texts[Lang]) => Promise<void>,
) {
  for (const lang of [...LANGS.filter((l) => l !== acting), acting]) {
    await showIn(page, lang);
    await check(lang, texts[lang]);
  }
}

/**
 * axe-core's rules whose outcome depends on the colours the theme gives (text and link contrast).
 * Every other rule reads the DOM, ARIA and layout, which a theme switch (`setTheme`: an attribute
 * and a class on <html>, no re-render) leaves as they were.
 */
export const THEME_DEPENDENT_AXE_RULES = ["color-contrast", "link-in-text-block"] as const;

/**
 * Runs axe-core in the page and fails on serious or critical violations: every rule, or with
 * `rules` only those (e.g. `THEME_DEPENDENT_AXE_RULES` in a second theme of the same DOM).
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  context: string,
  rules?: readonly string[],
) {
  // The BFF's CSP forbids inline scripts, so addScriptTag is refused; evaluating the source
  // through the DevTools protocol is not subject to the page's CSP.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  // Colour contrast read mid-fade (a dialog opening, a button's hover colour) is no verdict.
  await untilAnimationsSettle(page);
  const violations = await page.evaluate(
    async (only: string[] | undefined) => {
      const options: axe.RunOptions = { resultTypes: ["violations"] };
      if (only) options.runOnly = { type: "rule", values: only };
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document, options);
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
        }));
    },
    rules && [...rules],
  );
  expect(violations, `axe violations on ${context}`).toEqual([]);
}

export async function setTheme(page: Page, theme: "light" | "dark") {
  await page.evaluate((value) => {
    localStorage.setItem("portvakt.theme", value);
    // As lib/theme.ts does: Designsystemet's colour scheme and the `dark` class.
    document.documentElement.dataset.colorScheme = value;
    document.documentElement.classList.toggle("dark", value === "dark");
  }, theme);
  await untilAnimationsSettle(page);
}

/**
 * Waits until the page's finite animations and transitions have ended (not for a guessed
 * time): buttons fade their colours, dialogs and popovers fade in, so screenshots and contrast
 * checks must see the final colours. A transition cancelled meanwhile (its element re-rendered
 * or removed) has ended too: its `finished` rejects with AbortError. A spinner's animation never
 * finishes: it is left running.
 */
export async function untilAnimationsSettle(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Screenshots a page in both themes into e2e/screenshots/ (git-ignored) and scans it with axe:
 * every rule in the light theme, and in the dark one the rules a theme can change (colour
 * contrast differs between them; the DOM does not).
 */
export async function captureBothThemes(page: Page, name: string) {
  mkdirSync("e2e/screenshots", { recursive: true });
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    // A full-page screenshot resizes the viewport, which restarts CSS animations of what is
    // open (Designsystemet's popovers fade in over 0.15 s): shoot them finished, as seen.
    await page.screenshot({
      path: `e2e/screenshots/${name}-${theme}.png`,
      fullPage: true,
      animations: "disabled",
    });
    await expectNoSeriousA11yViolations(
      page,
      `${name} (${theme})`,
      theme === "dark" ? THEME_DEPENDENT_AXE_RULES : undefined,
    );
  }
  await setTheme(page, "light");
}

/** A fresh RSA key pair as PEM, made the way an admin would with openssl. */
export function rsaKeyPair(bits = 2048) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  return {
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** A name no earlier run used, so specs pass against the same stack repeatedly. */
export function unique(prefix: string) {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** The headers a state-changing request from the signed-in page carries (CSRF, origin). */
export const headersOf = (page: Page) => ({ "X-CSRF": "1", Origin: new URL(page.url()).origin });

type Doc = {
  scopes?: { name: string; consumers?: string[] }[];
  clients?: { name: string; scopes?: string[] }[];
};

/**
 * A promotion mapping demo -> prod for every org number and prefix demo uses today (other specs
 * add some), each mapped to itself unless `extra` names its prod number.
 */
export async function mappingFor(page: Page, extra: Record<string, string>): Promise<string> {
  const answer = await page.request.get("/api/envs/demo/config/export?format=json", {
    headers: headersOf(page),
  });
  expect(answer.status()).toBe(200);
  const doc = (await answer.json()) as Doc;
  const orgs = new Set<string>();
  const prefixes = new Set<string>();
  for (const scope of doc.scopes ?? []) {
    prefixes.add(scope.name.split(":")[0]!);
    for (const orgno of scope.consumers ?? []) orgs.add(orgno);
  }
  for (const client of doc.clients ?? []) {
    for (const scope of client.scopes ?? []) prefixes.add(scope.split(":")[0]!);
  }
  const lines = ["from: demo", "to: prod", "organizations:"];
  for (const orgno of [...orgs].sort()) lines.push(`  "${orgno}": "${extra[orgno] ?? orgno}"`);
  lines.push("prefixes:");
  for (const prefix of [...prefixes].sort()) lines.push(`  ${prefix}: ${prefix}`);
  return `${lines.join("\n")}\n`;
}
