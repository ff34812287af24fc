import type { scopesNb } from "./messages";

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
