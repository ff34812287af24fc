import { type Coded, coded, type MessageParams } from "@portvakt/contracts";
import type { AuthorizationDecision } from "./authorize";
import { type AltinnMessageCode, altinnMessages } from "./messages";

/** A decision told as coded texts, for any language (docs/i18n.md). */
export interface DecisionExplanation {
  /** The issue-19 rule that decided (`altinn.rule.N`). */
  rule: Coded;
  /** What decided, in one sentence (`altinn.decision.*`). */
  headline: Coded;
  /** The facts behind it, in the middleware's order: caller, scopes, endpoint, message. */
  trail: Coded[];
}

const say = (code: AltinnMessageCode, params?: MessageParams) =>
  coded(altinnMessages, code, params);
const routeOf = (d: AuthorizationDecision) =>
  d.endpoint ? `${d.endpoint.method} ${d.endpoint.route}` : "";

/** The headline and trail of a decision; texts in `messages.ts`, in nb, nn and en. */
export function explainDecision(d: AuthorizationDecision): DecisionExplanation {
  let headline: Coded;
  switch (d.code) {
    case "app-does-not-start":
      headline = say("altinn.decision.app-does-not-start", { path: d.metadataError?.path ?? "$" });
      break;
    case "no-route":
      headline =
        d.routeStatus === 405
          ? say("altinn.decision.no-route-405", { allowed: (d.routeAllowed ?? []).join(", ") })
          : say("altinn.decision.no-route-404");
      break;
    case "token-error":
      headline = say("altinn.decision.token-error", { reason: d.callerError ?? "" });
      break;
    case "anonymous-endpoint":
    case "not-instance-endpoint":
      headline = say(`altinn.decision.${d.code}`, { route: routeOf(d) });
      break;
    case "group-not-configured":
      headline = say("altinn.decision.group-not-configured", {
        group: d.group ?? "",
        operation: d.operation ?? "",
      });
      break;
    case "scope-matched":
      headline = say("altinn.decision.scope-matched", { scope: d.matchedScope ?? "" });
      break;
    case "scope-missing":
      headline = say("altinn.decision.scope-missing", {
        accepted: (d.acceptedScopes ?? []).join(", "),
      });
      break;
    default:
      headline = say(`altinn.decision.${d.code}`);
  }

  const trail: Coded[] = [];
  if (d.caller === "error") trail.push(say("altinn.caller.error", { reason: d.callerError ?? "" }));
  else trail.push(say(`altinn.caller.${d.caller}`));
  if (d.caller !== "none") {
    trail.push(
      d.tokenScopes.length > 0 || d.scopeClaim
        ? say("altinn.caller.scopes", {
            claim: d.scopeClaim ?? "scope",
            scopes: d.tokenScopes.join(" ") || "-",
          })
        : say("altinn.caller.no-scopes"),
    );
  }
  const rule = d.endpointRule;
  if (rule?.checked) {
    trail.push(
      rule.because === "instance-parameter"
        ? say("altinn.endpoint.instance-parameter", {
            route: routeOf(d),
            parameter: rule.parameter,
          })
        : say(`altinn.endpoint.${rule.because}`, { route: routeOf(d) }),
    );
  }
  if (d.response?.status === 403) {
    const m = d.response.message;
    if (m.key === "") trail.push(say("altinn.message.key-empty"));
    else trail.push(say(`altinn.message.key-${m.keyFrom}`, { key: m.key }));
    if (m.key !== "") {
      trail.push(say("altinn.message.language", { language: m.language }));
      if (m.fileLanguage && m.fileLanguage !== m.language) {
        trail.push(say("altinn.message.language-fallback", { language: m.language }));
      }
      trail.push(
        m.text !== undefined
          ? say("altinn.message.found", { text: m.text })
          : say("altinn.message.not-found"),
      );
    }
    trail.push(say("altinn.message.content-type"));
  }
  return { rule: say(`altinn.rule.${d.rule}`), headline, trail };
}
