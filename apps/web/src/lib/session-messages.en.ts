import type { sessionNb } from "./session-messages";

export const sessionEn: Record<keyof typeof sessionNb, string> = {
  "session.signedInAs": "Signed in as",
  "session.signOut": "Sign out",
  "session.signingOut": "Signing out …",
  "session.expiredTitle": "Your session has ended",
  "session.expiredBody":
    "You are no longer signed in (the session was ended or has expired). Sign in again to continue where you were.",
  "session.signInAgain": "Sign in again",
  "role.name.viewer": "Viewer",
  "role.name.operator": "Operator",
  "role.name.admin": "Administrator",
  "role.none": "No role",
  "role.in": "{role} in {env}",
  "role.explain.viewer": "can see everything but change nothing",
  "role.explain.operator": "can grant and revoke access",
  "role.explain.admin": "can change everything: scopes, clients, keys and access",
  "role.explain.none": "has no access in this environment",
  "role.needs": "Needs the role {role}",
  "role.limited": "Your role in {env} is {role}: you {explain}. {what} needs the role {needed}.",
  "role.what.scopes": "Creating, changing, deactivating and reactivating scopes",
  "role.what.access": "Granting and revoking access",
  "role.what.clients": "Registering, changing and deleting clients",
  "role.what.keys": "Adding and removing keys",
  "role.noAccessTitle": "No access in {env}",
  "role.noAccessBody":
    "You are signed in as {name} but hold no role in the environment {env}. Ask whoever administers Portvakt in your organisation for the viewer, operator or administrator role, or choose another environment.",
};
