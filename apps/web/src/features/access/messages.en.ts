import type { accessJobNb } from "./messages";

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
    "The job was cancelled: {success, plural, one {# of {total} was done} other {# of {total} were done}}, {cancelled, plural, one {# was not sent} other {# were not sent}}",
  "accessJob.cancelFailed": "Could not cancel the job",
  "accessJob.startFailed": "Could not start the job",
  "accessJob.state.pending": "Waiting",
  "accessJob.state.sent": "Sent",
  "accessJob.state.revoked": "Revoked",
  "accessJob.state.unknown": "Unknown outcome",
  "accessJob.state.cancelled": "Cancelled",
};
