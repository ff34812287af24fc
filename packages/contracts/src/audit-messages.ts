import { defineMessages } from "./messages";

/**
 * What the BFF says in an audit entry (`AuditEntry.code`, `params`, `more`) in nb, nn and en
 * (issue 14 #13, docs/i18n.md). The English side is the entry's `detail` as API clients, the CLI
 * and the SIEM stream read it; the audit page shows the code in the page's language. Refusals
 * and failures that are problems keep their problem code (`problemMessages`) in the entry.
 *
 * Also: an entry's target in parts (`audit.target.*`, `AuditEntry.targetParts`, joined with ", "
 * on the page), what an executed change request came to when it is Portvakt's own words
 * (`change-request.result.*`, `ChangeRequest.result.code`) and a bulk job row's own outcome
 * (`bulk.row.*`, `BulkJobRow.code`).
 */
export const auditMessages = defineMessages({
  en: {
    "audit.rate-limited": "Too many changes in a minute",
    "audit.made-then-failed": "The change was made; the request failed after it",
    "audit.http": "HTTP {status}",
    "audit.recovered":
      "Digdir's answer was lost ({why, select, timeout {timed out} network {connection lost} http {HTTP {status}} other {error}}); a re-read showed the change was made",
    "audit.change-request.stored":
      "Not made: stored as change request {id}, waiting for another admin's approval",
    "audit.change-request.execution":
      "Change request {id}: requested by {requester} ({requesterSub}), approved by {approver} ({approverSub})",
    "audit.change-request.approved":
      "Requested by {requester} ({requesterSub}); approved by {approver} ({approverSub})",
    "audit.change-request.rejected":
      "Requested by {requester} ({requesterSub}); rejected by {decider} ({deciderSub})",
    "audit.change-request.rejected-because":
      "Requested by {requester} ({requesterSub}); rejected by {decider} ({deciderSub}): {reason}",
    "audit.change-request.withdrawn": "Withdrawn by its requester {person} ({personSub})",
    "audit.admin-key.rotated":
      "Portvakt rotated its own admin key on client {clientId}: added {newKid}, a token was issued with it, removed {oldKid}",
    "audit.admin-key.failed":
      'Portvakt\'s rotation of its own admin key {kid} on client {clientId} failed; the old key is kept: "{words}"',
    "audit.admin-key.rotated-old-left":
      'Portvakt rotated its own admin key on client {clientId}: added {newKid} and signs with it, but removing the old key {oldKid} failed, so it is still registered: remove it by hand ("{words}")',
    "audit.admin-key.failed-new-left":
      'Portvakt\'s rotation of its own admin key {kid} on client {clientId} failed; the old key is kept, but the new key {newKid} could not be removed again and is still registered without its private key: remove it by hand ("{words}")',
    "audit.outcome.unrecorded":
      "Sent to Digdir, but the Portvakt instance stopped before recording the outcome; written later from its pending check, which the follow-up entry settles",
    "audit.follow-up.made":
      "Follow-up of an unknown outcome: a re-read {seconds} s later shows the change was made",
    "audit.follow-up.not-seen":
      "Follow-up of an unknown outcome: the change was not seen {seconds} s after it was sent; it counts as not made",
    "audit.bulk.summary":
      "{cancelled, select, yes {Cancelled. } other {}}{done} of {total} done, {failed} failed, {unknown} unknown, {skipped} cancelled",
    "audit.config.step-failed": "The step failed",
    "audit.target.scope": "{scope}",
    "audit.target.name": "{name}",
    "audit.target.client": "client {id}",
    "audit.target.client-named": 'client "{name}"',
    "audit.target.org": "org {orgno}",
    "audit.target.kid": "kid {kid}",
    "audit.target.grant": "{scope} → {orgno}",
    "audit.target.bulk": "{scope} → {count, plural, one {# consumer} other {# consumers}}",
    "audit.target.change-request": "change request {id} ({action})",
    "audit.target.token": "pipeline token {name} ({id})",
    "audit.target.altinn-app": "Altinn app {app}",
    "audit.target.config":
      "{env} ({what, select, promotion {promotion from {from}, plan {fingerprint}} other {plan {fingerprint}}})",
    "change-request.result.no-executor":
      "Portvakt has no executor for change requests of kind {kind}",
    "change-request.result.threw": 'The execution failed: "{words}"',
    "change-request.result.settled":
      "Settled from its audit entry: the Portvakt instance carrying it out did not store its result (it stopped, or the database failed)",
    "change-request.result.lost":
      "The Portvakt instance carrying it out stopped before recording what happened; whether Digdir made the change is unknown: check it there before asking again",
    "change-request.result.not-run":
      "Not carried out: the approval could not be written to the audit log, so nothing was sent to Digdir; ask again when the audit log works",
    "change-request.result.not-started":
      "Not carried out: the Portvakt instance stopped after the approval and before carrying it out, so nothing was sent to Digdir; ask again",
    "bulk.row.settled-after-restart":
      "Sent before the BFF restarted; a re-read shows the change was made",
  },
  nb: {
    "audit.rate-limited": "For mange endringer på ett minutt",
    "audit.made-then-failed": "Endringen ble gjort; forespørselen feilet etter den",
    "audit.http": "HTTP {status}",
    "audit.recovered":
      "Svaret fra Digdir gikk tapt ({why, select, timeout {tidsavbrudd} network {forbindelsen brøt} http {HTTP {status}} other {feil}}); en ny lesing viste at endringen ble gjort",
    "audit.change-request.stored":
      "Ikke gjort: lagret som endringsforespørsel {id}, venter på godkjenning fra en annen administrator",
    "audit.change-request.execution":
      "Endringsforespørsel {id}: bedt om av {requester} ({requesterSub}), godkjent av {approver} ({approverSub})",
    "audit.change-request.approved":
      "Bedt om av {requester} ({requesterSub}); godkjent av {approver} ({approverSub})",
    "audit.change-request.rejected":
      "Bedt om av {requester} ({requesterSub}); avvist av {decider} ({deciderSub})",
    "audit.change-request.rejected-because":
      "Bedt om av {requester} ({requesterSub}); avvist av {decider} ({deciderSub}): {reason}",
    "audit.change-request.withdrawn":
      "Trukket tilbake av den som ba om den, {person} ({personSub})",
    "audit.admin-key.rotated":
      "Portvakt roterte sin egen administrasjonsnøkkel på klient {clientId}: la til {newKid}, fikk et token med den, fjernet {oldKid}",
    "audit.admin-key.failed":
      "Portvakts rotering av sin egen administrasjonsnøkkel {kid} på klient {clientId} feilet; den gamle nøkkelen beholdes: «{words}»",
    "audit.admin-key.rotated-old-left":
      "Portvakt roterte sin egen administrasjonsnøkkel på klient {clientId}: la til {newKid} og signerer med den, men den gamle nøkkelen {oldKid} kunne ikke fjernes og er fortsatt registrert: fjern den for hånd («{words}»)",
    "audit.admin-key.failed-new-left":
      "Portvakts rotering av sin egen administrasjonsnøkkel {kid} på klient {clientId} feilet; den gamle nøkkelen beholdes, men den nye nøkkelen {newKid} kunne ikke fjernes igjen og er fortsatt registrert uten sin private nøkkel: fjern den for hånd («{words}»)",
    "audit.outcome.unrecorded":
      "Sendt til Digdir, men Portvakt-instansen stoppet før utfallet ble registrert; skrevet senere fra den ventende kontrollen, som oppfølgingsoppføringen avgjør",
    "audit.follow-up.made":
      "Oppfølging av et ukjent utfall: en ny lesing {seconds} s senere viser at endringen ble gjort",
    "audit.follow-up.not-seen":
      "Oppfølging av et ukjent utfall: endringen var ikke å se {seconds} s etter at den ble sendt; den regnes som ikke gjort",
    "audit.bulk.summary":
      "{cancelled, select, yes {Avbrutt. } other {}}{done} av {total} gjort, {failed} feilet, {unknown} ukjent, {skipped} avbrutt",
    "audit.config.step-failed": "Steget feilet",
    "audit.target.scope": "{scope}",
    "audit.target.name": "{name}",
    "audit.target.client": "klient {id}",
    "audit.target.client-named": "klient «{name}»",
    "audit.target.org": "organisasjon {orgno}",
    "audit.target.kid": "kid {kid}",
    "audit.target.grant": "{scope} → {orgno}",
    "audit.target.bulk": "{scope} → {count, plural, one {# konsument} other {# konsumenter}}",
    "audit.target.change-request": "endringsforespørsel {id} ({action})",
    "audit.target.token": "pipeline-token {name} ({id})",
    "audit.target.altinn-app": "Altinn-app {app}",
    "audit.target.config":
      "{env} ({what, select, promotion {promotering fra {from}, plan {fingerprint}} other {plan {fingerprint}}})",
    "change-request.result.no-executor":
      "Portvakt har ingen utfører for endringsforespørsler av typen {kind}",
    "change-request.result.threw": "Utførelsen feilet: «{words}»",
    "change-request.result.settled":
      "Avgjort fra loggoppføringen: Portvakt-instansen som utførte den, lagret ikke resultatet (den stoppet, eller databasen feilet)",
    "change-request.result.lost":
      "Portvakt-instansen som utførte den, stoppet før den registrerte hva som skjedde; om Digdir gjorde endringen, er ukjent: sjekk det der før du ber om den igjen",
    "change-request.result.not-run":
      "Ikke utført: godkjenningen kunne ikke skrives til revisjonsloggen, så ingenting ble sendt til Digdir; be om den igjen når revisjonsloggen virker",
    "change-request.result.not-started":
      "Ikke utført: Portvakt-instansen stoppet etter godkjenningen og før den ble utført, så ingenting ble sendt til Digdir; be om den igjen",
    "bulk.row.settled-after-restart":
      "Sendt før BFF-en startet på nytt; en ny lesing viser at endringen ble gjort",
  },
  nn: {
    "audit.rate-limited": "For mange endringar på eitt minutt",
    "audit.made-then-failed": "Endringa vart gjord; førespurnaden feila etter ho",
    "audit.http": "HTTP {status}",
    "audit.recovered":
      "Svaret frå Digdir gjekk tapt ({why, select, timeout {tidsavbrot} network {sambandet brot} http {HTTP {status}} other {feil}}); ei ny lesing viste at endringa vart gjord",
    "audit.change-request.stored":
      "Ikkje gjord: lagra som endringsførespurnad {id}, ventar på godkjenning frå ein annan administrator",
    "audit.change-request.execution":
      "Endringsførespurnad {id}: bede om av {requester} ({requesterSub}), godkjend av {approver} ({approverSub})",
    "audit.change-request.approved":
      "Bede om av {requester} ({requesterSub}); godkjend av {approver} ({approverSub})",
    "audit.change-request.rejected":
      "Bede om av {requester} ({requesterSub}); avvist av {decider} ({deciderSub})",
    "audit.change-request.rejected-because":
      "Bede om av {requester} ({requesterSub}); avvist av {decider} ({deciderSub}): {reason}",
    "audit.change-request.withdrawn": "Trekt tilbake av den som bad om han, {person} ({personSub})",
    "audit.admin-key.rotated":
      "Portvakt roterte sin eigen administrasjonsnøkkel på klient {clientId}: la til {newKid}, fekk eit token med han, fjerna {oldKid}",
    "audit.admin-key.failed":
      "Portvakt si rotering av sin eigen administrasjonsnøkkel {kid} på klient {clientId} feila; den gamle nøkkelen vert behalden: «{words}»",
    "audit.admin-key.rotated-old-left":
      "Portvakt roterte sin eigen administrasjonsnøkkel på klient {clientId}: la til {newKid} og signerer med han, men den gamle nøkkelen {oldKid} kunne ikkje fjernast og er framleis registrert: fjern han for hand («{words}»)",
    "audit.admin-key.failed-new-left":
      "Portvakt si rotering av sin eigen administrasjonsnøkkel {kid} på klient {clientId} feila; den gamle nøkkelen vert behalden, men den nye nøkkelen {newKid} kunne ikkje fjernast att og er framleis registrert utan den private nøkkelen sin: fjern han for hand («{words}»)",
    "audit.outcome.unrecorded":
      "Sendt til Digdir, men Portvakt-instansen stoppa før utfallet vart registrert; skriven seinare frå den ventande kontrollen, som oppfølgingsoppføringa avgjer",
    "audit.follow-up.made":
      "Oppfølging av eit ukjent utfall: ei ny lesing {seconds} s seinare viser at endringa vart gjord",
    "audit.follow-up.not-seen":
      "Oppfølging av eit ukjent utfall: endringa var ikkje å sjå {seconds} s etter at ho vart send; ho vert rekna som ikkje gjord",
    "audit.bulk.summary":
      "{cancelled, select, yes {Avbrote. } other {}}{done} av {total} gjorde, {failed} feila, {unknown} ukjende, {skipped} avbrotne",
    "audit.config.step-failed": "Steget feila",
    "audit.target.scope": "{scope}",
    "audit.target.name": "{name}",
    "audit.target.client": "klient {id}",
    "audit.target.client-named": "klient «{name}»",
    "audit.target.org": "organisasjon {orgno}",
    "audit.target.kid": "kid {kid}",
    "audit.target.grant": "{scope} → {orgno}",
    "audit.target.bulk": "{scope} → {count, plural, one {# konsument} other {# konsumentar}}",
    "audit.target.change-request": "endringsførespurnad {id} ({action})",
    "audit.target.token": "pipeline-token {name} ({id})",
    "audit.target.altinn-app": "Altinn-app {app}",
    "audit.target.config":
      "{env} ({what, select, promotion {promotering frå {from}, plan {fingerprint}} other {plan {fingerprint}}})",
    "change-request.result.no-executor":
      "Portvakt har ingen utførar for endringsførespurnader av typen {kind}",
    "change-request.result.threw": "Utføringa feila: «{words}»",
    "change-request.result.settled":
      "Avgjord frå loggoppføringa: Portvakt-instansen som utførte han, lagra ikkje resultatet (han stoppa, eller databasen feila)",
    "change-request.result.lost":
      "Portvakt-instansen som utførte han, stoppa før han registrerte kva som skjedde; om Digdir gjorde endringa, er ukjent: sjekk det der før du ber om ho att",
    "change-request.result.not-run":
      "Ikkje utført: godkjenninga kunne ikkje skrivast til revisjonsloggen, så ingenting vart sendt til Digdir; be om ho att når revisjonsloggen verkar",
    "change-request.result.not-started":
      "Ikkje utført: Portvakt-instansen stoppa etter godkjenninga og før ho vart utført, så ingenting vart sendt til Digdir; be om ho att",
    "bulk.row.settled-after-restart":
      "Send før BFF-en starta på nytt; ei ny lesing viser at endringa vart gjord",
  },
});

/** A code of `auditMessages`. */
export type AuditCode = keyof typeof auditMessages.en;
