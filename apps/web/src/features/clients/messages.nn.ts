import type { clientsNb } from "./messages";

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
