import type { accessJobNb } from "./messages";

export const accessJobNn: Record<keyof typeof accessJobNb, string> = {
  "accessJob.progress": "{done, plural, one {# av {total} ferdig} other {# av {total} ferdige}}",
  "accessJob.counts":
    "{success, plural, one {# fullført} other {# fullførte}}, {failure} feila, {unknown} med uvisst utfall, {waiting} ventar",
  "accessJob.serverSide":
    "Jobben køyrer på tenaren, åtte om gongen: du kan lukke vindauget, og han held fram også etter ein omstart. Resultatet hamnar i revisjonsloggen.",
  "accessJob.rateLimited":
    "Digdir bad Portvakt vente; {count, plural, one {# rad vart sendt} other {# rader vart sende}} på nytt etter ventetida.",
  "accessJob.cancel": "Avbryt jobben",
  "accessJob.cancelling": "Avbryt: rader som er sende, vert gjorde ferdige …",
  "accessJob.cancelled":
    "Jobben vart avbroten: {success, plural, one {# av {total} vart gjort} other {# av {total} vart gjorde}}, {cancelled, plural, one {# vart ikkje sendt} other {# vart ikkje sende}}",
  "accessJob.cancelFailed": "Kunne ikkje avbryte jobben",
  "accessJob.startFailed": "Kunne ikkje starte jobben",
  "accessJob.state.pending": "Ventar",
  "accessJob.state.sent": "Sendt",
  "accessJob.state.revoked": "Trekt tilbake",
  "accessJob.state.unknown": "Uvisst utfall",
  "accessJob.state.cancelled": "Avbroten",
};
