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

export const scopesEn: Record<keyof typeof scopesNb, string> = {
  "scopes.prefixes.title": "Prefixes",
  "scopes.prefixes.owner": "Owner",
  "scopes.prefixes.created": "Created",
  "scopes.prefixes.active": "active",
  "scopes.prefixes.inactive": "deactivated",
  "scopes.prefixes.unknown": "unknown",
  "scopes.section.languages": "Texts in other languages",
  "scopes.languages.help":
    "Digdir shows these texts to consumers who use Nynorsk, English or Northern Sami. Left empty: the Bokmål description is used.",
  "scopes.field.descriptionIn": "Description ({language})",
  "scopes.field.longDescriptionIn": "Long description ({language})",
  "scopes.language.nn": "Nynorsk",
  "scopes.language.en": "English",
  "scopes.language.se": "Northern Sami",
  "scopes.delegationSource.none": "None (cannot be delegated)",
  "scopes.delegationSource.unlisted": "{issuer} (not in Digdir's list)",
  "scopes.delegationSource.loadFailed":
    "Could not load the delegation sources from Digdir. The saved value is kept.",
  "scopes.help.delegationSourcePick":
    "Choose the source (e.g. Altinn) if access may be delegated. The list comes from Digdir.",
};

export const scopesNn: Record<keyof typeof scopesNb, string> = {
  "scopes.prefixes.title": "Prefiks",
  "scopes.prefixes.owner": "Eigar",
  "scopes.prefixes.created": "Oppretta",
  "scopes.prefixes.active": "aktivt",
  "scopes.prefixes.inactive": "deaktivert",
  "scopes.prefixes.unknown": "ukjend",
  "scopes.section.languages": "Tekstar på andre språk",
  "scopes.languages.help":
    "Digdir viser desse tekstane til konsumentar som bruker nynorsk, engelsk eller nordsamisk. Tomt felt: skildringa på bokmål blir brukt.",
  "scopes.field.descriptionIn": "Skildring ({language})",
  "scopes.field.longDescriptionIn": "Lang skildring ({language})",
  "scopes.language.nn": "nynorsk",
  "scopes.language.en": "engelsk",
  "scopes.language.se": "nordsamisk",
  "scopes.delegationSource.none": "Ingen (kan ikkje delegerast)",
  "scopes.delegationSource.unlisted": "{issuer} (ikkje i lista til Digdir)",
  "scopes.delegationSource.loadFailed":
    "Kunne ikkje hente delegeringskjeldene frå Digdir. Verdien som er lagra, blir halden på.",
  "scopes.help.delegationSourcePick":
    "Vel kjelda (t.d. Altinn) dersom tilgangen skal kunne delegerast. Lista kjem frå Digdir.",
};
