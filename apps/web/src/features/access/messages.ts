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

export const accessJobEn: Record<keyof typeof accessJobNb, string> = {
  "accessJob.progress": "{done} of {total} done",
  "accessJob.counts":
    "{success} completed, {failure} failed, {unknown} with unknown outcome, {waiting} waiting",
  "accessJob.serverSide":
    "The job runs on the server, eight at a time: you may close this window, and it carries on after a restart too. The result goes to the audit log.",
  "accessJob.rateLimited":
    "Digdir asked Portvakt to wait; {count, plural, one {# row was sent} other {# rows were sent}} again after the wait.",
  "accessJob.cancel": "Cancel the job",
  "accessJob.cancelling": "Cancelling: rows already sent are finished …",
  "accessJob.cancelled":
    "The job was cancelled: {success} of {total} were done, {cancelled} were not sent",
  "accessJob.cancelFailed": "Could not cancel the job",
  "accessJob.startFailed": "Could not start the job",
  "accessJob.state.pending": "Waiting",
  "accessJob.state.sent": "Sent",
  "accessJob.state.revoked": "Revoked",
  "accessJob.state.unknown": "Unknown outcome",
  "accessJob.state.cancelled": "Cancelled",
};

export const accessJobNn: Record<keyof typeof accessJobNb, string> = {
  "accessJob.progress": "{done} av {total} ferdige",
  "accessJob.counts":
    "{success} fullførte, {failure} feila, {unknown} med uvisst utfall, {waiting} ventar",
  "accessJob.serverSide":
    "Jobben køyrer på tenaren, åtte om gongen: du kan lukke vindauget, og han held fram også etter ein omstart. Resultatet hamnar i revisjonsloggen.",
  "accessJob.rateLimited":
    "Digdir bad Portvakt vente; {count, plural, one {# rad vart sendt} other {# rader vart sende}} på nytt etter ventetida.",
  "accessJob.cancel": "Avbryt jobben",
  "accessJob.cancelling": "Avbryt: rader som er sende, vert gjorde ferdige …",
  "accessJob.cancelled":
    "Jobben vart avbroten: {success} av {total} vart gjorde, {cancelled} vart ikkje sende",
  "accessJob.cancelFailed": "Kunne ikkje avbryte jobben",
  "accessJob.startFailed": "Kunne ikkje starte jobben",
  "accessJob.state.pending": "Ventar",
  "accessJob.state.sent": "Sendt",
  "accessJob.state.revoked": "Trekt tilbake",
  "accessJob.state.unknown": "Uvisst utfall",
  "accessJob.state.cancelled": "Avbroten",
};
