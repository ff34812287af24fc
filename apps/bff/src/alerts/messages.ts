import { defineMessages, LANGS, type Lang } from "@portvakt/contracts";

/**
 * Every kind of notice Portvakt sends (issue 18 #1), as a stable code (docs/i18n.md): key expiry
 * of a client's key, of the admin certificate and of the admin client's own key; a consumer's
 * access revoked or its scope deactivated by the provider; drift from the configuration
 * document. A code never changes meaning; a new kind of notice gets a new code.
 */
export const NOTICE_CODES = [
  "alert.key-expiry.client",
  "alert.key-expiry.certificate",
  "alert.key-expiry.own-key",
  "alert.access.revoked",
  "alert.access.scope-inactive",
  "alert.drift",
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

/** The languages a notice can be sent in (PORTVAKT_ALERT_LANGUAGE, `alerts.language`). */
export const ALERT_LANGUAGES = LANGS;
export type AlertLanguage = Lang;

// ICU MessageFormat (docs/i18n.md). Parameters, by code:
// - key expiry: env, kid, client (name and id, or the id), client_id, expires_at (ISO 8601),
//   days_left (a number, 0 or less once expired), state (`expiring` or `expired`);
// - access: env, scope, owner_orgno (`unknown` when Digdir did not name it), clients (the names
//   and ids of our clients that use the scope, joined with ", "), client_count;
// - drift: env, document (its path), steps, kinds ("1 scope.update, 2 client.create").
// `<code>.title` is the one line of a chat card or an e-mail's subject.
const EXPIRY_EN =
  "{state, select, expired {expired at {expires_at}} other {expires in {days_left, plural, one {# day} other {# days}} ({expires_at})}}";
const EXPIRY_NB =
  "{state, select, expired {utløp {expires_at}} other {utløper om {days_left, plural, one {# dag} other {# dager}} ({expires_at})}}";
const EXPIRY_NN =
  "{state, select, expired {gjekk ut {expires_at}} other {går ut om {days_left, plural, one {# dag} other {# dagar}} ({expires_at})}}";
const WHEN_EN =
  "{state, select, expired {has expired} other {expires in {days_left, plural, one {# day} other {# days}}}}";
const WHEN_NB =
  "{state, select, expired {har utløpt} other {utløper om {days_left, plural, one {# dag} other {# dager}}}}";
const WHEN_NN =
  "{state, select, expired {har gått ut} other {går ut om {days_left, plural, one {# dag} other {# dagar}}}}";
const BY_EN = "{owner_orgno, select, unknown {} other { by organisation {owner_orgno}}}";
const BY_NB = "{owner_orgno, select, unknown {} other { av organisasjonen {owner_orgno}}}";
const BY_NN = BY_NB;
const CLIENTS_EN =
  "{client_count, plural, =0 {} other { Clients that use it get no token for it any more: {clients}.}}";
const CLIENTS_NB =
  "{client_count, plural, =0 {} other { Klienter som bruker det, får ikke lenger token for det: {clients}.}}";
const CLIENTS_NN =
  "{client_count, plural, =0 {} other { Klientar som brukar det, får ikkje lenger token for det: {clients}.}}";

/** The texts of every notice code, in nb, nn and en (a code missing in one fails typecheck). */
export const alertMessages = defineMessages({
  en: {
    "alert.key-expiry.client": `Key {kid} of client {client} in environment {env} ${EXPIRY_EN}.`,
    "alert.key-expiry.client.title": `Portvakt: key {kid} ${WHEN_EN} ({env})`,
    "alert.key-expiry.certificate": `The admin certificate of environment {env} ${EXPIRY_EN}.`,
    "alert.key-expiry.certificate.title": `Portvakt: the admin certificate ${WHEN_EN} ({env})`,
    "alert.key-expiry.own-key": `The admin client's own key {kid} ({client_id}) of environment {env} ${EXPIRY_EN}.`,
    "alert.key-expiry.own-key.title": `Portvakt: the admin client's own key {kid} ${WHEN_EN} ({env})`,
    "alert.access.revoked": `Access to scope {scope} was revoked${BY_EN} in environment {env}.${CLIENTS_EN}`,
    "alert.access.revoked.title": "Portvakt: access revoked: {scope} ({env})",
    "alert.access.scope-inactive": `Scope {scope} was deactivated${BY_EN} in environment {env}.${CLIENTS_EN}`,
    "alert.access.scope-inactive.title": "Portvakt: scope deactivated: {scope} ({env})",
    "alert.drift":
      "Environment {env} differs from its configuration document {document}: applying it would take {steps, plural, one {# step} other {# steps}} ({kinds}). Someone changed it outside Portvakt, or the document was not applied.",
    "alert.drift.title": "Portvakt: {env} drifted from its configuration document",
  },
  nb: {
    "alert.key-expiry.client": `Nøkkel {kid} for klienten {client} i miljøet {env} ${EXPIRY_NB}.`,
    "alert.key-expiry.client.title": `Portvakt: nøkkel {kid} ${WHEN_NB} ({env})`,
    "alert.key-expiry.certificate": `Admin-sertifikatet for miljøet {env} ${EXPIRY_NB}.`,
    "alert.key-expiry.certificate.title": `Portvakt: admin-sertifikatet ${WHEN_NB} ({env})`,
    "alert.key-expiry.own-key": `Admin-klientens egen nøkkel {kid} ({client_id}) i miljøet {env} ${EXPIRY_NB}.`,
    "alert.key-expiry.own-key.title": `Portvakt: admin-klientens egen nøkkel {kid} ${WHEN_NB} ({env})`,
    "alert.access.revoked": `Tilgangen til scopet {scope} ble trukket tilbake${BY_NB} i miljøet {env}.${CLIENTS_NB}`,
    "alert.access.revoked.title": "Portvakt: tilgang trukket tilbake: {scope} ({env})",
    "alert.access.scope-inactive": `Scopet {scope} ble deaktivert${BY_NB} i miljøet {env}.${CLIENTS_NB}`,
    "alert.access.scope-inactive.title": "Portvakt: scope deaktivert: {scope} ({env})",
    "alert.drift":
      "Miljøet {env} avviker fra konfigurasjonsdokumentet {document}: å ta det i bruk ville kreve {steps, plural, one {# steg} other {# steg}} ({kinds}). Noen har endret miljøet utenfor Portvakt, eller dokumentet er ikke tatt i bruk.",
    "alert.drift.title": "Portvakt: {env} avviker fra konfigurasjonsdokumentet sitt",
  },
  nn: {
    "alert.key-expiry.client": `Nøkkel {kid} for klienten {client} i miljøet {env} ${EXPIRY_NN}.`,
    "alert.key-expiry.client.title": `Portvakt: nøkkel {kid} ${WHEN_NN} ({env})`,
    "alert.key-expiry.certificate": `Admin-sertifikatet for miljøet {env} ${EXPIRY_NN}.`,
    "alert.key-expiry.certificate.title": `Portvakt: admin-sertifikatet ${WHEN_NN} ({env})`,
    "alert.key-expiry.own-key": `Den eigne nøkkelen {kid} til admin-klienten ({client_id}) i miljøet {env} ${EXPIRY_NN}.`,
    "alert.key-expiry.own-key.title": `Portvakt: den eigne nøkkelen {kid} til admin-klienten ${WHEN_NN} ({env})`,
    "alert.access.revoked": `Tilgangen til scopet {scope} vart trekt tilbake${BY_NN} i miljøet {env}.${CLIENTS_NN}`,
    "alert.access.revoked.title": "Portvakt: tilgang trekt tilbake: {scope} ({env})",
    "alert.access.scope-inactive": `Scopet {scope} vart deaktivert${BY_NN} i miljøet {env}.${CLIENTS_NN}`,
    "alert.access.scope-inactive.title": "Portvakt: scope deaktivert: {scope} ({env})",
    "alert.drift":
      "Miljøet {env} avvik frå konfigurasjonsdokumentet {document}: å ta det i bruk ville krevje {steps, plural, one {# steg} other {# steg}} ({kinds}). Nokon har endra miljøet utanfor Portvakt, eller dokumentet er ikkje teke i bruk.",
    "alert.drift.title": "Portvakt: {env} avvik frå konfigurasjonsdokumentet sitt",
  },
});

/** A text of the table: a notice code, or its `.title`. */
export type AlertMessageCode = keyof (typeof alertMessages)["en"];
