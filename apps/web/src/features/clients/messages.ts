/**
 * Texts of the clients feature added in issue 14 (Portvakt's own admin client, keys of a client
 * without keys), in nb, nn and en; spread into `lib/messages.ts` (docs/i18n.md).
 */
export const clientsNb = {
  "clients.ownAdmin.badge": "Portvakts egen adminklient",
  "clients.ownAdmin.notice":
    "Dette er klienten Portvakt selv logger inn hos Digdir med i {env}. Slettes eller deaktiveres den, får Portvakt ikke lenger token her og låser seg selv, og alle som bruker den, ute.",
  "clients.ownAdmin.deleteBody":
    "Portvakt bruker denne klienten for å snakke med Digdir i {env}. Etter slettingen virker ingen side i Portvakt i {env} før en ny adminklient er satt opp i konfigurasjonen.",
  "clients.ownAdmin.typeHelp":
    "Skriv klient-ID-en for å bekrefte at Portvakt skal låse seg selv ute.",
  "keys.noKeysRotate":
    "Klienten har ingen nøkler ennå, så det er ingenting å rotere: legg til en nøkkel i stedet.",
} as const;
