import type { keysNb } from "./messages";

export const keysEn: Record<keyof typeof keysNb, string> = {
  "keys.legacy": "No use",
  "keys.legacyHelp":
    'Registered before Digdir\'s API change of 2025-05-22, without "use". The key works; Portvakt writes it back with "use":"sig".',
  "keys.oddRow": "Odd",
  "keygen.open": "Generate key in the browser",
  "keygen.title": "Generate a key pair in the browser",
  "keygen.privacy":
    "The key pair is made in this browser. Only the public half is sent to Maskinporten; the private key never leaves your machine.",
  "keygen.size": "Key size",
  "keygen.bits": "RSA {bits} bits",
  "keygen.kid": "Key id (kid)",
  "keygen.kidHelp": "Proposed from the client's name and the date; unique among the client's keys.",
  "keygen.kidInvalid": "A kid has only letters, digits and . _ -",
  "keygen.generate": "Generate key pair",
  "keygen.generated": "Generated a {bits}-bit RSA key with kid {kid}.",
  "keygen.saveTitle": "Save the private key now",
  "keygen.saveBody":
    "Portvakt does not keep it. Save it somewhere safe and deploy it to the system that requests tokens. Close the page and it is gone.",
  "keygen.downloadPem": "Download private key (PKCS#8 PEM)",
  "keygen.downloadJwk": "Download private key (JWK)",
  "keygen.stored": "I have stored the private key elsewhere",
  "keygen.storeFirst":
    "Download the private key (or tick that you have stored it) before you register the public one.",
  "keygen.register": "Register the public key",
  "keygen.registered": "The public key {kid} is registered.",
  "keygen.testIt": "Test it in the token tester",
  "rotate.start": "Rotate key",
  "rotate.title": "Key rotation",
  "rotate.intro":
    "Add the new key next to the old ones, deploy it, confirm that it works, then remove the old one — without downtime.",
  "rotate.close": "Close the wizard",
  "rotate.done": "done",
  "rotate.step1": "Add a new key",
  "rotate.newKey": "New key:",
  "rotate.full":
    "The client already has {max} keys, the most Maskinporten allows. Remove an expired or unused key first.",
  "rotate.step2": "Deploy the new key",
  "rotate.deployed": "The new private key is deployed to the system that requests tokens",
  "rotate.deployedHelp":
    "The system must sign with the new key and its kid before the old one goes.",
  "rotate.tested": "A token request with kid {kid} succeeded",
  "rotate.testedOk": "Confirmed",
  "rotate.notTested": "Not tested",
  "rotate.openTester": "Test in the token tester",
  "rotate.step3": "Remove the old key",
  "rotate.oldKey": "Old key",
  "rotate.removeOld": "Remove the old key",
  "rotate.removeHelp": "Tick both items above first.",
  "rotate.noOld": "The client has no other keys.",
  "rotate.finished": "Rotation finished: {kid} is removed.",
  "keysOverview.nav": "Keys",
  "keysOverview.title": "All keys",
  "keysOverview.description":
    "Every key of every active client, sorted by expiry. Keys expire one year after they were added; rotate them 30 days ahead.",
  "keysOverview.col.client": "Client",
  "keysOverview.col.customer": "Customer",
  "keysOverview.empty": "No client has keys.",
  "keysOverview.rotate": "Rotate",
  "keysOverview.warning":
    "{count, plural, one {# key expires} other {# keys expire}} within 30 days or have expired. Rotate them before token requests fail (MP-121).",
  "keysOverview.showAll": "See all keys",
};
