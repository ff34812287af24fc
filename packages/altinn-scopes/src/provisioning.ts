import {
  formatMessage,
  INTEGRATION_TYPES,
  type IntegrationType,
  type Lang,
  splitScopeName,
} from "@portvakt/contracts";
import { APP_PLACEHOLDER, type ApiScopeGroup, type ApiScopeOperation } from "./api-scopes";
import { altinnMessages } from "./messages";
import type { ResolvedApiScopes } from "./resolve";

/**
 * Which clients may ask for a group's scope:
 * - users are people signed in through ID-porten (the Altinn token is exchanged from an
 *   ID-porten token, so the scope must be on ID-porten clients) and systems, system users and
 *   organisations authenticated through Maskinporten;
 * - service owners authenticate only through Maskinporten (with `altinn:serviceowner`).
 * An empty list would mean "every integration type", more than either group needs.
 */
export const INTEGRATION_TYPES_BY_GROUP: Readonly<
  Record<ApiScopeGroup, readonly IntegrationType[]>
> = {
  users: ["idporten", "maskinporten"],
  serviceOwners: ["maskinporten"],
};

/** A text of `altinnMessages` in `language` (descriptions are written to Digdir as they are). */
const say = (
  language: Lang,
  code: keyof (typeof altinnMessages)["en"],
  params?: Record<string, string>,
) => formatMessage(altinnMessages[language][code], language, params);

/** One scope to create in Maskinporten for an app. */
export interface PlannedScope {
  name: string;
  prefix: string;
  subscope: string;
  /** Where the app requires it; one scope may serve several places. */
  usedBy: Array<{ group: ApiScopeGroup; operation: ApiScopeOperation }>;
  allowed_integration_types: IntegrationType[];
  /** Says which app the scope guards, for whoever finds it in Maskinporten later. */
  description: string;
  /**
   * Consumers are granted only users' scopes: a service owner is the app owner itself, which
   * owns the scope and needs no grant, and no other organisation should act as it.
   */
  grantToConsumers: boolean;
}

/**
 * The scopes of a resolved config that Maskinporten must hold, one entry per distinct name.
 * Altinn's own scopes and scopes whose `[app]` could not be resolved are left out. Each one's
 * `description` (written to Digdir as it is, and read by everyone who sees the scope) is in
 * `language` (default bokmål, as Digdir's own descriptions are; issue 14 defect 2), from
 * `altinn.provision.*` of `altinnMessages`.
 */
export function provisioningPlanOf(
  resolved: ResolvedApiScopes,
  language: Lang = "nb",
): PlannedScope[] {
  const byName = new Map<string, PlannedScope>();
  const app = resolved.id ?? "(unnamed)";
  for (const scope of resolved.scopes) {
    if (scope.name.includes(APP_PLACEHOLDER) || !scope.name.includes(":")) continue;
    const { prefix, subscope } = splitScopeName(scope.name);
    if (prefix === "altinn") continue;
    const planned = byName.get(scope.name) ?? {
      name: scope.name,
      prefix,
      subscope,
      usedBy: [],
      allowed_integration_types: [],
      description: "",
      grantToConsumers: false,
    };
    planned.usedBy.push({ group: scope.group, operation: scope.operation });
    const types = new Set([
      ...planned.allowed_integration_types,
      ...INTEGRATION_TYPES_BY_GROUP[scope.group],
    ]);
    planned.allowed_integration_types = INTEGRATION_TYPES.filter((type) => types.has(type));
    planned.grantToConsumers ||= scope.group === "users";
    planned.description = say(language, "altinn.provision.description", {
      app,
      uses: planned.usedBy
        .map((use) => say(language, `altinn.provision.use.${use.group}.${use.operation}`))
        .join("; "),
    });
    byName.set(scope.name, planned);
  }
  return [...byName.values()];
}
