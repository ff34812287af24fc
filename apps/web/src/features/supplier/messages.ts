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

export const supplierEn: Record<keyof typeof supplierNb, string> = {
  "supplier.nav": "Supplier",
  "supplier.title": "Clients for customers",
  "supplier.description":
    "As a supplier (idporten:dcr.supplier) you can register and manage Maskinporten clients on behalf of customer organisations.",
  "supplier.unavailable":
    "The admin client of this environment lacks the scope idporten:dcr.supplier, so it cannot manage clients for other organisations. Ask Digdir for it.",
  "supplier.new": "Register a client for a customer",
  "supplier.orgno": "Customer's organisation number",
  "supplier.orgnoInvalid": "Nine digits with a valid check digit",
  "supplier.customerName": "Customer: {name}",
  "supplier.customerUnknown": "Organisation not found",
  "supplier.name": "Client name",
  "supplier.descriptionField": "Description",
  "supplier.scopes": "Scopes (separated by space or comma)",
  "supplier.scopesHelp":
    "The customer must be allowed to use the scopes (granted, own or for all).",
  "supplier.create": "Register",
  "supplier.created": "{name} is registered for {customer}",
  "supplier.createFailed": "Could not register the client",
  "supplier.grouped": "Clients grouped by customer",
  "supplier.own": "Own organisation",
  "supplier.noClients": "No clients yet.",
  "supplier.keys": "Keys (belong to {customer}):",
  "supplier.noKeys": "no keys",
  "supplier.manage": "Manage",
};

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
