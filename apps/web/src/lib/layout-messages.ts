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
