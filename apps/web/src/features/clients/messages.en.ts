import type { clientsNb } from "./messages";

export const clientsEn: Record<keyof typeof clientsNb, string> = {
  "clients.ownAdmin.badge": "Portvakt's own admin client",
  "clients.ownAdmin.notice":
    "This is the client Portvakt itself signs in to Digdir with in {env}. If it is deleted or deactivated, Portvakt gets no token here any more and locks itself, and everyone using it, out.",
  "clients.ownAdmin.deleteBody":
    "Portvakt uses this client to talk to Digdir in {env}. After the delete, no page of Portvakt works in {env} until a new admin client is set up in the configuration.",
  "clients.ownAdmin.typeHelp": "Type the client id to confirm that Portvakt shall lock itself out.",
  "keys.noKeysRotate":
    "The client has no keys yet, so there is nothing to rotate: add a key instead.",
};
