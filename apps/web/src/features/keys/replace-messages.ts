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
