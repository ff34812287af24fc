import type { Page } from "@playwright/test";
import { expect, test } from "./support";

// The demo certificate is valid for a year. To see the warning the environment list the BFF
// answers is passed through with only the certificate's end date moved closer.
async function certificateEndsIn(page: Page, days: number) {
  await page.route("**/api/envs", async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as {
      envs: Array<{ credential?: { notAfter?: string } }>;
    };
    for (const env of body.envs) {
      if (env.credential?.notAfter) {
        env.credential.notAfter = new Date(Date.now() + days * 86_400_000).toISOString();
      }
    }
    await route.fulfill({ response, json: body });
  });
}

test("admins are warned 60 days before the business certificate expires", async ({
  page,
  signInAs,
}) => {
  await certificateEndsIn(page, 45);
  await signInAs("Ada Administrator");
  const warning = page.getByTestId("credential-expiry");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/om 4[45] dager/);
});

test("no warning while the certificate has more than 60 days left", async ({ page, signInAs }) => {
  await certificateEndsIn(page, 90);
  await signInAs("Ada Administrator");
  await expect(page.getByTestId("acting-org")).toBeVisible();
  await expect(page.getByTestId("credential-expiry")).toHaveCount(0);
});

test("people who are not admins are not shown the warning", async ({ page, signInAs }) => {
  await certificateEndsIn(page, 10);
  await signInAs("Vera Viewer");
  await expect(page.getByTestId("credential-expiry")).toHaveCount(0);
});
