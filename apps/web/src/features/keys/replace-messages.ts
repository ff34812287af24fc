/** Text of replacing a client's whole key set from a pasted JWKS (issue 14 #18). */
export const replaceKeysNb = {
  "replaceKeys.open": "Erstatt nøkkelsettet",
  "replaceKeys.title": "Erstatt hele nøkkelsettet",
  "replaceKeys.intro":
    "Lim inn et JWKS (et JSON-objekt med listen «keys») med de offentlige nøklene klienten skal ha, f.eks. fra en HSM eller et nøkkelhvelv. Nøkler som ikke er med, fjernes.",
  "replaceKeys.label": "JWKS",
  "replaceKeys.added": "Legges til ({count})",
  "replaceKeys.removed": "Fjernes ({count})",
  "replaceKeys.kept": "Beholdes ({count})",
  "replaceKeys.none": "ingen",
  "replaceKeys.submit": "Erstatt nøkkelsettet",
  "replaceKeys.confirmTitle": "Erstatte nøkkelsettet?",
  "replaceKeys.confirmBody":
    "{added, plural, one {# nøkkel legges til} other {# nøkler legges til}} og {removed, plural, one {# nøkkel fjernes} other {# nøkler fjernes}}. Systemer som bruker en nøkkel som fjernes, får ikke lenger token.",
  "replaceKeys.done": "Nøkkelsettet er erstattet: {count, plural, one {# nøkkel} other {# nøkler}}",
  "replaceKeys.failed": "Kunne ikke erstatte nøkkelsettet",
  "replaceKeys.problem.invalidJson": "Teksten er ikke gyldig JSON.",
  "replaceKeys.problem.notJwks": "Dette er ikke et JWKS: det mangler listen «keys».",
  "replaceKeys.problem.empty": "Settet er tomt. For å fjerne alle nøklene, fjern dem én og én.",
  "replaceKeys.problem.tooMany":
    "Settet har {count} nøkler; Maskinporten tillater høyst {max} per klient.",
  "replaceKeys.problem.duplicateKid": "To nøkler har samme kid: {kid}.",
  "replaceKeys.problem.kidReused":
    "Kid {kid} finnes allerede for en annen nøkkel. Gi den nye nøkkelen en annen kid.",
  "replaceKeys.problem.key": "Nøkkel nr. {index}: {problem}",
  "rotate.source": "Den nye nøkkelen",
  "rotate.sourceGenerate": "Lag den i nettleseren",
  "rotate.sourceExternal": "Lim inn eller last opp en offentlig nøkkel (HSM, nøkkelhvelv)",
} as const;

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

export const replaceKeysNn: Record<keyof typeof replaceKeysNb, string> = {
  "replaceKeys.open": "Erstatt nøkkelsettet",
  "replaceKeys.title": "Erstatt heile nøkkelsettet",
  "replaceKeys.intro":
    "Lim inn eit JWKS (eit JSON-objekt med lista «keys») med dei offentlege nøklane klienten skal ha, t.d. frå ein HSM eller eit nøkkelkvelv. Nøklar som ikkje er med, blir fjerna.",
  "replaceKeys.label": "JWKS",
  "replaceKeys.added": "Blir lagde til ({count})",
  "replaceKeys.removed": "Blir fjerna ({count})",
  "replaceKeys.kept": "Blir behaldne ({count})",
  "replaceKeys.none": "ingen",
  "replaceKeys.submit": "Erstatt nøkkelsettet",
  "replaceKeys.confirmTitle": "Erstatte nøkkelsettet?",
  "replaceKeys.confirmBody":
    "{added, plural, one {# nøkkel blir lagd til} other {# nøklar blir lagde til}} og {removed, plural, one {# nøkkel blir fjerna} other {# nøklar blir fjerna}}. System som brukar ein nøkkel som blir fjerna, får ikkje lenger token.",
  "replaceKeys.done": "Nøkkelsettet er erstatta: {count, plural, one {# nøkkel} other {# nøklar}}",
  "replaceKeys.failed": "Kunne ikkje erstatte nøkkelsettet",
  "replaceKeys.problem.invalidJson": "Teksten er ikkje gyldig JSON.",
  "replaceKeys.problem.notJwks": "Dette er ikkje eit JWKS: lista «keys» manglar.",
  "replaceKeys.problem.empty": "Settet er tomt. For å fjerne alle nøklane, fjern dei éin og éin.",
  "replaceKeys.problem.tooMany":
    "Settet har {count} nøklar; Maskinporten tillèt høgst {max} per klient.",
  "replaceKeys.problem.duplicateKid": "To nøklar har same kid: {kid}.",
  "replaceKeys.problem.kidReused":
    "Kid {kid} finst alt for ein annan nøkkel. Gi den nye nøkkelen ein annan kid.",
  "replaceKeys.problem.key": "Nøkkel nr. {index}: {problem}",
  "rotate.source": "Den nye nøkkelen",
  "rotate.sourceGenerate": "Lag han i nettlesaren",
  "rotate.sourceExternal": "Lim inn eller last opp ein offentleg nøkkel (HSM, nøkkelkvelv)",
};
