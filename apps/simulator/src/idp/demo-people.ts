/** The demo identity provider's people, one per Portvakt role and one with none. */
export interface DemoPerson {
  sub: string;
  name: string;
  groups: string[];
  description: string;
}

export const DEMO_GROUPS = {
  admin: "portvakt-admin",
  operator: "portvakt-operator",
  viewer: "portvakt-viewer",
} as const;

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    sub: "demo-admin",
    name: "Ada Administrator",
    groups: [DEMO_GROUPS.admin],
    description: "admin: scopes, clients, keys, access",
  },
  {
    sub: "demo-approver",
    name: "Siri Sjekker",
    groups: [DEMO_GROUPS.admin],
    description: "admin too: approves the others' change requests (four-eyes)",
  },
  {
    sub: "demo-operator",
    name: "Ola Operatør",
    groups: [DEMO_GROUPS.operator],
    description: "operator: grants and revokes access",
  },
  {
    sub: "demo-viewer",
    name: "Vera Viewer",
    groups: [DEMO_GROUPS.viewer],
    description: "viewer: reads everything",
  },
  {
    sub: "demo-outsider",
    name: "Nils Nobody",
    groups: [],
    description: "no role: may sign in, sees nothing",
  },
];
