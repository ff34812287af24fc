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

export const clientsNn: Record<keyof typeof clientsNb, string> = {
  "clients.ownAdmin.badge": "Portvakt sin eigen adminklient",
  "clients.ownAdmin.notice":
    "Dette er klienten Portvakt sjølv loggar inn hos Digdir med i {env}. Blir han sletta eller deaktivert, får ikkje Portvakt lenger token her og låser seg sjølv, og alle som bruker han, ute.",
  "clients.ownAdmin.deleteBody":
    "Portvakt bruker denne klienten for å snakke med Digdir i {env}. Etter slettinga verkar inga side i Portvakt i {env} før ein ny adminklient er sett opp i konfigurasjonen.",
  "clients.ownAdmin.typeHelp":
    "Skriv klient-ID-en for å stadfeste at Portvakt skal låse seg sjølv ute.",
  "keys.noKeysRotate":
    "Klienten har ingen nøklar enno, så det er ingenting å rotere: legg til ein nøkkel i staden.",
};

export const clientsEn: Record<keyof typeof clientsNb, string> = {
  "clients.ownAdmin.badge": "Portvakt's own admin client",
  "clients.ownAdmin.notice":
    "This is the client Portvakt itself signs in to Digdir with in {env}. If it is deleted or deactivated, Portvakt gets no token here any more and locks itself, and everyone using it, out.",
  "clients.ownAdmin.deleteBody":
    "Portvakt uses this client to talk to Digdir in {env}. After the delete, no page of Portvakt works in {env} until a new admin client is set up in the configuration.",
  "clients.ownAdmin.typeHelp": "Type the client id to confirm that Portvakt shall lock itself out.",
  "keys.noKeysRotate":
    "The client has no keys yet, so there is nothing to rotate: add a key instead.",
};
