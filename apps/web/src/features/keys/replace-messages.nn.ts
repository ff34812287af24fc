import type { replaceKeysNb } from "./replace-messages";

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
