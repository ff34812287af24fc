import type { scopesNb } from "./messages";

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
