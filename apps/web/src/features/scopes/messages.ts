/** Text of the scope pages added for Digdir's real answers (issue 12; spread into lib/messages.ts). */
export const scopesNb = {
  "scopes.prefixes.title": "Prefikser",
  "scopes.prefixes.owner": "Eier",
  "scopes.prefixes.created": "Opprettet",
  "scopes.prefixes.active": "aktivt",
  "scopes.prefixes.inactive": "deaktivert",
  "scopes.prefixes.unknown": "ukjent",
  "scopes.section.languages": "Tekster på andre språk",
  "scopes.languages.help":
    "Digdir viser disse tekstene til konsumenter som bruker nynorsk, engelsk eller nordsamisk. Tomt felt: beskrivelsen på bokmål brukes.",
  "scopes.field.descriptionIn": "Beskrivelse ({language})",
  "scopes.field.longDescriptionIn": "Lang beskrivelse ({language})",
  "scopes.language.nn": "nynorsk",
  "scopes.language.en": "engelsk",
  "scopes.language.se": "nordsamisk",
  "scopes.delegationSource.none": "Ingen (kan ikke delegeres)",
  "scopes.delegationSource.unlisted": "{issuer} (ikke i Digdirs liste)",
  "scopes.delegationSource.loadFailed":
    "Kunne ikke hente delegeringskildene fra Digdir. Verdien som er lagret, beholdes.",
  "scopes.help.delegationSourcePick":
    "Velg kilden (f.eks. Altinn) dersom tilgangen skal kunne delegeres. Listen kommer fra Digdir.",
};
