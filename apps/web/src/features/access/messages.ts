/** Text of bulk grant/revoke jobs on the Access page (spread into lib/messages.ts). */
export const accessJobNb = {
  "accessJob.progress": "{done} av {total} ferdig",
  "accessJob.counts":
    "{success} fullført, {failure} feilet, {unknown} med uvisst utfall, {waiting} venter",
  "accessJob.serverSide":
    "Jobben kjører på serveren, åtte om gangen: du kan lukke vinduet, og den fortsetter også etter en omstart. Resultatet havner i revisjonsloggen.",
  "accessJob.rateLimited":
    "Digdir ba Portvakt vente; {count, plural, one {# rad ble sendt} other {# rader ble sendt}} på nytt etter ventetiden.",
  "accessJob.cancel": "Avbryt jobben",
  "accessJob.cancelling": "Avbryter: rader som er sendt, gjøres ferdig …",
  "accessJob.cancelled":
    "Jobben ble avbrutt: {success} av {total} ble gjort, {cancelled} ble ikke sendt",
  "accessJob.cancelFailed": "Kunne ikke avbryte jobben",
  "accessJob.startFailed": "Kunne ikke starte jobben",
  "accessJob.state.pending": "Venter",
  "accessJob.state.sent": "Sendt",
  "accessJob.state.revoked": "Trukket tilbake",
  "accessJob.state.unknown": "Uvisst utfall",
  "accessJob.state.cancelled": "Avbrutt",
} as const;
