import { generateKeyPairSync } from "node:crypto";
import { mkdirSync } from "node:fs";
import { test as base, expect, type Page } from "@playwright/test";
import axe from "axe-core";

export { expect };

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

/** Every test starts signed in, in bokmål, in the light theme. */
export const test = base.extend<{ signedIn: Page }>({
  signedIn: async ({ page }, use) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem("e2e-init")) {
        sessionStorage.setItem("e2e-init", "1");
        localStorage.setItem("portvakt.theme", "light");
        localStorage.setItem("portvakt.lang", "nb");
      }
    });
    await signIn(page);
    await use(page);
  },
});

/** Runs axe-core in the page and fails on serious or critical violations. */
export async function expectNoSeriousA11yViolations(page: Page, context: string) {
  // The BFF's CSP forbids inline scripts, so addScriptTag is refused; evaluating the source
  // through the DevTools protocol is not subject to the page's CSP.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ["violations"],
    });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      }));
  });
  expect(violations, `axe violations on ${context}`).toEqual([]);
}

export async function setTheme(page: Page, theme: "light" | "dark") {
  await page.evaluate((value) => {
    localStorage.setItem("portvakt.theme", value);
    // As lib/theme.ts does: Designsystemet's colour scheme and the `dark` class.
    document.documentElement.dataset.colorScheme = value;
    document.documentElement.classList.toggle("dark", value === "dark");
  }, theme);
  // Buttons fade their colours: wait for those transitions to finish (not for a guessed time),
  // so screenshots and contrast checks see the final colours. A transition cancelled meanwhile
  // (its element re-rendered or removed) has ended too: its `finished` rejects with AbortError.
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
  );
}

/**
 * Screenshots a page in both themes into e2e/screenshots/ (git-ignored) and scans each theme
 * with axe, since colour contrast differs between them.
 */
export async function captureBothThemes(page: Page, name: string) {
  mkdirSync("e2e/screenshots", { recursive: true });
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    await page.screenshot({ path: `e2e/screenshots/${name}-${theme}.png`, fullPage: true });
    await expectNoSeriousA11yViolations(page, `${name} (${theme})`);
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
