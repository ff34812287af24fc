import type { layoutNb } from "./layout-messages";

export const layoutEn: Record<keyof typeof layoutNb, string> = {
  "shell.menu": "Menu",
  "shell.menuHelp": "Pages, environment, language and theme",
  "router.unknownEnvTitle": "Unknown environment",
  "router.unknownEnvBody": "Portvakt has no environment called “{env}”. Choose one of these:",
  "router.badLinkTitle": "This link cannot be used",
  "router.badLinkBody": "The address has parameters Portvakt cannot use:",
  "router.badLinkClean": "Open the page without them",
  "router.pageFailed": "The page could not be shown",
  "nav.group.provider": "API provider",
  "nav.group.consumer": "Consumer",
  "nav.group.altinn": "Altinn",
  "nav.group.admin": "Administration",
};
