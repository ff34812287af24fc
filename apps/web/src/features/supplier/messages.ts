/** Text of supplier mode (spread into lib/messages.ts). */
export const supplierNb = {
  "supplier.nav": "Leverandør",
  "supplier.title": "Klienter for kunder",
  "supplier.description":
    "Som leverandør (idporten:dcr.supplier) kan dere registrere og forvalte Maskinporten-klienter på vegne av kundeorganisasjoner.",
  "supplier.unavailable":
    "Admin-klienten i dette miljøet har ikke scopet idporten:dcr.supplier, så den kan ikke forvalte klienter for andre organisasjoner. Be Digdir om det.",
  "supplier.new": "Registrer klient for en kunde",
  "supplier.orgno": "Kundens organisasjonsnummer",
  "supplier.orgnoInvalid": "Ni sifre med gyldig kontrollsiffer",
  "supplier.customerName": "Kunde: {name}",
  "supplier.customerUnknown": "Fant ikke organisasjonen",
  "supplier.name": "Navn på klienten",
  "supplier.descriptionField": "Beskrivelse",
  "supplier.scopes": "Scopes (mellomrom eller komma mellom)",
  "supplier.scopesHelp": "Kunden må ha tilgang til scopene (tildelt, eget eller for alle).",
  "supplier.create": "Registrer",
  "supplier.created": "{name} er registrert for {customer}",
  "supplier.createFailed": "Kunne ikke registrere klienten",
  "supplier.grouped": "Klienter gruppert etter kunde",
  "supplier.own": "Egen organisasjon",
  "supplier.noClients": "Ingen klienter ennå.",
  "supplier.keys": "Nøkler (tilhører {customer}):",
  "supplier.noKeys": "ingen nøkler",
  "supplier.manage": "Forvalt",
} as const;
