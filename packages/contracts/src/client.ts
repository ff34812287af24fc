import { z } from "zod";
import { TEXT_LIMITS } from "./limits";
import { OrgNumber } from "./orgno";
import { AnsweredDateTime, warningsField } from "./read";
import { IntegrationType } from "./scope";
import { ScopeName } from "./scope-name";
import { validationText } from "./validation-messages";

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

const clientFields = {
  client_name: z
    .string()
    .trim()
    .min(1, validationText("client.name.required"))
    .max(TEXT_LIMITS.clientName),
  description: z
    .string()
    .trim()
    .min(1, validationText("client.description.required"))
    .max(TEXT_LIMITS.clientDescription),
  scopes: z.array(ScopeName).default([]),
  client_orgno: OrgNumber.optional(),
  active: z.boolean().optional(),
  access_token_lifetime: z.number().int().min(0).max(86_400).optional(),
};

/** Body of `POST /api/v1/clients` for a Maskinporten client (docs/maskinporten.md §5). */
export const ClientInput = z
  .object({
    ...clientFields,
    integration_type: IntegrationType.default("maskinporten"),
    application_type: z.enum(["web", "browser", "native"]).default("web"),
    token_endpoint_auth_method: z
      .enum(["private_key_jwt", "client_secret_basic", "client_secret_post", "none"])
      .default("private_key_jwt"),
    grant_types: z.array(z.string()).default([JWT_BEARER_GRANT]),
  })
  .meta({ id: "ClientInput" });
export type ClientInput = z.input<typeof ClientInput>;

/**
 * Members of a client as read (`ClientResponse` of Digdir's 2025 OpenAPI) that the update's body
 * (`UpdateClientRequest`) does not have: the keys (`jwks`, edited through `/jwks`), `jwks_uri`
 * ("kan kun leses ut, ikke settes"), `client_secret` ("kan ikke settes direkte") and
 * `onbehalfof` (edited through `/onbehalfof`). A write-back leaves them out; every member
 * Portvakt does not know is still sent back.
 */
export const CLIENT_READ_ONLY_FIELDS = ["jwks", "jwks_uri", "client_secret", "onbehalfof"] as const;

/** Body of `PUT /api/v1/clients/{id}`; `integration_type` cannot change. */
export const ClientUpdate = z
  .object({
    client_name: clientFields.client_name.optional(),
    description: clientFields.description.optional(),
    scopes: z.array(ScopeName).optional(),
    active: z.boolean().optional(),
    access_token_lifetime: clientFields.access_token_lifetime,
    integration_type: IntegrationType.optional(),
  })
  .meta({ id: "ClientUpdate" });
export type ClientUpdate = z.infer<typeof ClientUpdate>;

/**
 * A client as read from Digdir (`ClientResponse` of the 2025 OpenAPI, docs/maskinporten.md §8): every field
 * optional except `client_id` (a row without it cannot be addressed), unknown fields kept, so
 * the OpenAPI's other fields (`redirect_uris`, `onbehalfof`, `refresh_token_lifetime`, ...) are
 * shown and never dropped.
 */
export const Client = z
  .looseObject({
    client_id: z.string().min(1),
    client_name: z.string().optional(),
    description: z.string().optional(),
    integration_type: IntegrationType.optional(),
    application_type: z.string().optional(),
    token_endpoint_auth_method: z.string().optional(),
    grant_types: z.array(z.string()).optional(),
    scopes: z.array(z.string()).optional(),
    client_orgno: z.string().optional(),
    supplier_orgno: z.string().optional(),
    active: z.boolean().optional(),
    access_token_lifetime: z.number().optional(),
    jwks_uri: z.string().optional(),
    created: AnsweredDateTime.optional(),
    last_updated: AnsweredDateTime.optional(),
    ...warningsField,
  })
  .meta({ id: "Client" });
export type Client = z.infer<typeof Client>;
