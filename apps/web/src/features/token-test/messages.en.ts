import type { tokenTestNb } from "./messages";

export const tokenTestEn: Record<keyof typeof tokenTestNb, string> = {
  "tokenTest.nav": "Token test",
  "tokenTest.title": "Test a token request",
  "tokenTest.description":
    "Sign a JWT grant in the browser with a private key you hold, send it to Maskinporten's token endpoint, and see the token or the error explained.",
  "tokenTest.loadFailed": "Could not load the environment's token endpoint",
  "tokenTest.prod":
    "Token tests are not run in production: a production token is a live credential for real APIs. Use the demo or test environment.",
  "tokenTest.privacy":
    "The private key stays in the browser. Only the signed grant is sent; Portvakt shows the token decoded and never sends the token itself to the browser.",
  "tokenTest.issuer": "Issuer (aud)",
  "tokenTest.endpoint": "Token endpoint",
  "tokenTest.client": "Client",
  "tokenTest.chooseClient": "Choose a client …",
  "tokenTest.keySource": "Private key",
  "tokenTest.useGenerated": "The key generated in this tab",
  "tokenTest.noGenerated": "none generated for the client",
  "tokenTest.useFile": "From a file (PKCS#8 PEM or private JWK)",
  "tokenTest.keyFile": "Private key file",
  "tokenTest.keyFileHelp": "Read in the browser only. PKCS#8 (BEGIN PRIVATE KEY) or a JWK with d.",
  "tokenTest.keyLoaded": "Loaded {name} (in the browser only).",
  "tokenTest.key.pkcs1":
    "This is PKCS#1 (BEGIN RSA PRIVATE KEY). Convert it: openssl pkcs8 -topk8 -nocrypt -in key.pem",
  "tokenTest.key.public": "This is a public key or a certificate; signing needs the private key.",
  "tokenTest.key.unreadable": "The file cannot be read as a private RSA key.",
  "tokenTest.key.reload": "The algorithm changed: choose the file again.",
  "tokenTest.kid": "kid in the header",
  "tokenTest.kidHelp": "The id the key is registered under on the client.",
  "tokenTest.alg": "Algorithm",
  "tokenTest.scopes": "Scopes",
  "tokenTest.noScopes": "The client has no scopes.",
  "tokenTest.send": "Sign and send",
  "tokenTest.signFailed": "Could not sign: {detail}",
  "tokenTest.sendFailed": "The token test failed",
  "tokenTest.ok": "Token issued with kid {kid}",
  "tokenTest.okDetail":
    "Scope: {scope}. Valid for {seconds, plural, one {# second} other {# seconds}}.",
  "tokenTest.okNote": "The token itself stays on the server; it is shown decoded here.",
  "tokenTest.header": "Header",
  "tokenTest.claims": "Claims",
  "tokenTest.back": "Back to the key rotation",
  "tokenTest.failed": "Maskinporten refused the grant",
  "tokenTest.cause": "Cause:",
  "tokenTest.fix": "What to do:",
  "tokenTest.checks": "Diagnosis of the grant",
  "tokenTest.seeChecks": "The diagnosis of the grant is below.",
};
