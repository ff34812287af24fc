import type { supplierNb } from "./messages";

/** Nynorsk. */
export const supplierNn: Record<keyof typeof supplierNb, string> = {
  "supplier.nav": "Leverandør",
  "supplier.title": "Klientar for kundar",
  "supplier.description":
    "Som leverandør (idporten:dcr.supplier) kan de registrere og forvalte Maskinporten-klientar på vegner av kundeorganisasjonar.",
  "supplier.unavailable":
    "Admin-klienten i dette miljøet har ikkje scopet idporten:dcr.supplier, så han kan ikkje forvalte klientar for andre organisasjonar. Be Digdir om det.",
  "supplier.new": "Registrer klient for ein kunde",
  "supplier.orgno": "Organisasjonsnummeret til kunden",
  "supplier.orgnoInvalid": "Ni siffer med gyldig kontrollsiffer",
  "supplier.customerName": "Kunde: {name}",
  "supplier.customerUnknown": "Fann ikkje organisasjonen",
  "supplier.name": "Namn på klienten",
  "supplier.descriptionField": "Skildring",
  "supplier.scopes": "Scope (mellomrom eller komma mellom)",
  "supplier.scopesHelp": "Kunden må ha tilgang til scopa (tildelt, eige eller for alle).",
  "supplier.create": "Registrer",
  "supplier.created": "{name} er registrert for {customer}",
  "supplier.createFailed": "Kunne ikkje registrere klienten",
  "supplier.grouped": "Klientar grupperte etter kunde",
  "supplier.own": "Eigen organisasjon",
  "supplier.noClients": "Ingen klientar enno.",
  "supplier.keys": "Nøklar (høyrer til {customer}):",
  "supplier.noKeys": "ingen nøklar",
  "supplier.manage": "Forvalt",
};
