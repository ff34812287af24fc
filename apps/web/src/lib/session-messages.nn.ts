import type { sessionNb } from "./session-messages";

/** Nynorsk. */
export const sessionNn: Record<keyof typeof sessionNb, string> = {
  "session.signedInAs": "Innlogga som",
  "session.signOut": "Logg ut",
  "session.signingOut": "Loggar ut …",
  "session.expiredTitle": "Økta har gått ut",
  "session.expiredBody":
    "Du er ikkje lenger innlogga (økta er avslutta eller har gått ut). Logg inn igjen for å halde fram der du var.",
  "session.signInAgain": "Logg inn igjen",
  "role.name.viewer": "Lesar",
  "role.name.operator": "Operatør",
  "role.name.admin": "Administrator",
  "role.none": "Inga rolle",
  "role.in": "{role} i {env}",
  "role.explain.viewer": "kan sjå alt, men ikkje endre",
  "role.explain.operator": "kan gi og trekkje tilbake tilgangar",
  "role.explain.admin": "kan endre alt: scope, klientar, nøklar og tilgangar",
  "role.explain.none": "har ingen tilgang i dette miljøet",
  "role.needs": "Krev rolla {role}",
  "role.limited": "Rolla di i {env} er {role}: du {explain}. {what} krev rolla {needed}.",
  "role.what.scopes": "Å opprette, endre, deaktivere og reaktivere scope",
  "role.what.access": "Å gi og trekkje tilbake tilgangar",
  "role.what.clients": "Å registrere, endre og slette klientar",
  "role.what.keys": "Å leggje til og fjerne nøklar",
  "role.noAccessTitle": "Ingen tilgang i {env}",
  "role.noAccessBody":
    "Du er innlogga som {name}, men har inga rolle i miljøet {env}. Be den som administrerer Portvakt i verksemda om rolla lesar, operatør eller administrator, eller vel eit anna miljø.",
};
