/**
 * "Portvakt is new, reload" (issue 14, defect 8) in all three languages, in the first load: it is
 * shown when a chunk is gone after a redeploy, and a language's own catalogue is such a chunk
 * (`lib/i18n.tsx`), so its text cannot live only in that catalogue. Spread into each catalogue as
 * `app.newVersion` / `app.reload`.
 */
export const newVersionMessages = {
  nb: {
    "app.newVersion":
      "Portvakt er oppdatert siden siden ble åpnet, og denne delen finnes ikke lenger. Last inn siden på nytt for å få den nye versjonen.",
    "app.reload": "Last inn på nytt",
  },
  nn: {
    "app.newVersion":
      "Portvakt er oppdatert sidan sida vart opna, og denne delen finst ikkje lenger. Last inn sida på nytt for å få den nye versjonen.",
    "app.reload": "Last inn på nytt",
  },
  en: {
    "app.newVersion":
      "Portvakt has been updated since this page was opened, and this part of it is gone. Reload the page to get the new version.",
    "app.reload": "Reload",
  },
} as const;
