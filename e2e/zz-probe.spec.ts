import { writeFileSync } from "node:fs";
import { expect, test } from "./support";

test("probe page loads", async ({ signedIn: page }) => {
  const paths = [
    ["/demo/requests", "Forespørsler om tilgang"],
    ["/demo/audit", "Revisjonslogg"],
    ["/demo/catalogue", "Scope-katalog"],
  ] as const;
  for (let i = 0; i < 4; i++) {
    for (const [p, h] of paths) {
      const t0 = Date.now();
      await page.goto(p);
      const tg = Date.now();
      await expect(page.getByRole("heading", { name: h, level: 1 })).toBeVisible();
      const t1 = Date.now();
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const res = performance
          .getEntriesByType("resource")
          .map((r) => [
            r.name.replace(location.origin, ""),
            Math.round(r.startTime),
            Math.round(r.responseEnd),
          ]);
        return {
          dcl: Math.round(n.domContentLoadedEventEnd),
          load: Math.round(n.loadEventEnd),
          res,
          now: Math.round(performance.now()),
        };
      });
      console.log(
        p,
        "goto",
        tg - t0,
        "visible",
        t1 - t0,
        "dcl",
        nav.dcl,
        "load",
        nav.load,
        "now",
        nav.now,
      );
      if (i === 3 && p === "/demo/requests") console.log(JSON.stringify(nav.res));
    }
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await page.goto("/demo/requests");
  await expect(
    page.getByRole("heading", { name: "Forespørsler om tilgang", level: 1 }),
  ).toBeVisible();
  const { profile } = await cdp.send("Profiler.stop");
  writeFileSync("/tmp/load.cpuprofile", JSON.stringify(profile));
  await cdp
    .send("Tracing.start", {
      categories: "devtools.timeline,v8.execute,blink.user_timing,loading",
      transferMode: "ReturnAsStream",
    })
    .catch((e) => console.log("trace", e.message));
});
