/** Texts of the shell's phone menu (issue 14, defect 6), in nb, nn and en (docs/i18n.md). */
export const layoutNb = {
  "shell.menu": "Meny",
  "shell.menuHelp": "Sider, miljø, språk og tema",
  "router.unknownEnvTitle": "Ukjent miljø",
  "router.unknownEnvBody": "Portvakt har ikke noe miljø som heter «{env}». Velg et av disse:",
  "router.badLinkTitle": "Lenken kan ikke brukes",
  "router.badLinkBody": "Adressen har parametere Portvakt ikke kan bruke:",
  "router.badLinkClean": "Åpne siden uten parameterne",
  "router.pageFailed": "Siden kunne ikke vises",
  "nav.group.provider": "API-tilbyder",
  "nav.group.consumer": "Konsument",
  "nav.group.altinn": "Altinn",
  "nav.group.admin": "Administrasjon",
} as const;

export const layoutNn: Record<keyof typeof layoutNb, string> = {
  "shell.menu": "Meny",
  "shell.menuHelp": "Sider, miljø, språk og tema",
  "router.unknownEnvTitle": "Ukjent miljø",
  "router.unknownEnvBody": "Portvakt har ikkje noko miljø som heiter «{env}». Vel eitt av desse:",
  "router.badLinkTitle": "Lenkja kan ikkje brukast",
  "router.badLinkBody": "Adressa har parametrar Portvakt ikkje kan bruke:",
  "router.badLinkClean": "Opne sida utan parametrane",
  "router.pageFailed": "Sida kunne ikkje visast",
  "nav.group.provider": "API-tilbydar",
  "nav.group.consumer": "Konsument",
  "nav.group.altinn": "Altinn",
  "nav.group.admin": "Administrasjon",
};

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
