import type { layoutNb } from "./layout-messages";

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
