/** UI text of the signed-in person, roles and sign-in state (spread into messages.ts). */
export const sessionNb = {
  "session.signedInAs": "Innlogget som",
  "session.signOut": "Logg ut",
  "session.signingOut": "Logger ut …",
  "session.expiredTitle": "Økten er utløpt",
  "session.expiredBody":
    "Du er ikke lenger innlogget (økten er avsluttet eller har utløpt). Logg inn igjen for å fortsette der du var.",
  "session.signInAgain": "Logg inn igjen",
  "role.name.viewer": "Leser",
  "role.name.operator": "Operatør",
  "role.name.admin": "Administrator",
  "role.none": "Ingen rolle",
  "role.in": "{role} i {env}",
  "role.explain.viewer": "kan se alt, men ikke endre",
  "role.explain.operator": "kan gi og trekke tilbake tilganger",
  "role.explain.admin": "kan endre alt: scopes, klienter, nøkler og tilganger",
  "role.explain.none": "har ingen tilgang i dette miljøet",
  "role.needs": "Krever rollen {role}",
  "role.limited": "Rollen din i {env} er {role}: du {explain}. {what} krever rollen {needed}.",
  "role.what.scopes": "Å opprette, endre, deaktivere og reaktivere scopes",
  "role.what.access": "Å gi og trekke tilbake tilganger",
  "role.what.clients": "Å registrere, endre og slette klienter",
  "role.what.keys": "Å legge til og fjerne nøkler",
  "role.noAccessTitle": "Ingen tilgang i {env}",
  "role.noAccessBody":
    "Du er innlogget som {name}, men har ingen rolle i miljøet {env}. Be den som administrerer Portvakt i virksomheten om rollen leser, operatør eller administrator, eller velg et annet miljø.",
} as const;
