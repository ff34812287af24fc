import { linkOptions } from "@tanstack/react-router";

/**
 * Links are checked against the route tree (routes.tsx) by the type checker (issue 14 item 10):
 * `pnpm typecheck` fails when a line marked `@ts-expect-error` below stops being an error, i.e.
 * when a wrong link would compile. Nothing here runs; the module is never imported.
 */

// A link to a route that exists, with its parameters and a search value it accepts.
export const valid = linkOptions({
  to: "/$env/clients/$clientId",
  params: { env: "demo", clientId: "a1b2" },
  search: { rotate: "1", oldKid: "old" },
});

export const typo = linkOptions({
  // @ts-expect-error there is no such route
  to: "/$env/clientz",
});

export const withoutEnv = linkOptions({
  // @ts-expect-error every page lives under its environment (`/{env}/…`)
  to: "/clients",
});

export const missingParam = linkOptions({
  to: "/$env/clients/$clientId",
  // @ts-expect-error the client id is missing
  params: { env: "demo" },
});

export const badSearch = linkOptions({
  to: "/$env/clients/$clientId",
  params: { env: "demo", clientId: "a1b2" },
  // @ts-expect-error `rotate` is "1" or absent (the route's zod schema)
  search: { rotate: "yes" },
});

export const unknownSearch = linkOptions({
  to: "/$env/access",
  params: { env: "demo" },
  // @ts-expect-error the access page takes `scope`, not `orgno`
  search: { orgno: "889640782" },
});
