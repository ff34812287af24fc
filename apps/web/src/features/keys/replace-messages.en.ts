import type { replaceKeysNb } from "./replace-messages";

export const replaceKeysEn: Record<keyof typeof replaceKeysNb, string> = {
  "replaceKeys.open": "Replace the key set",
  "replaceKeys.title": "Replace the whole key set",
  "replaceKeys.intro":
    "Paste a JWKS (a JSON object with the list “keys”) with the public keys the client should have, e.g. from an HSM or a key vault. Keys not in it are removed.",
  "replaceKeys.label": "JWKS",
  "replaceKeys.added": "Added ({count})",
  "replaceKeys.removed": "Removed ({count})",
  "replaceKeys.kept": "Kept ({count})",
  "replaceKeys.none": "none",
  "replaceKeys.submit": "Replace the key set",
  "replaceKeys.confirmTitle": "Replace the key set?",
  "replaceKeys.confirmBody":
    "{added, plural, one {# key is added} other {# keys are added}} and {removed, plural, one {# key is removed} other {# keys are removed}}. Systems using a removed key will no longer get tokens.",
  "replaceKeys.done": "The key set was replaced: {count, plural, one {# key} other {# keys}}",
  "replaceKeys.failed": "Could not replace the key set",
  "replaceKeys.problem.invalidJson": "The text is not valid JSON.",
  "replaceKeys.problem.notJwks": 'This is not a JWKS: the list "keys" is missing.',
  "replaceKeys.problem.empty": "The set is empty. To remove every key, remove them one by one.",
  "replaceKeys.problem.tooMany":
    "The set has {count} keys; Maskinporten allows at most {max} per client.",
  "replaceKeys.problem.duplicateKid": "Two keys have the same kid: {kid}.",
  "replaceKeys.problem.kidReused":
    "The kid {kid} already names another key. Give the new key another kid.",
  "replaceKeys.problem.key": "Key no. {index}: {problem}",
  "rotate.source": "The new key",
  "rotate.sourceGenerate": "Make it in the browser",
  "rotate.sourceExternal": "Paste or upload a public key (HSM, key vault)",
};
