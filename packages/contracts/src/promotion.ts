import { z } from "zod";

/**
 * The mapping file's text of a promotion (at most 200,000 characters), YAML or JSON: `organizations`
 * (source org number → target org number, or null to leave out), `prefixes` (source scope prefix →
 * target prefix), `clients` (source client name → target name), `from`, `to`. Read by
 * config-as-code's `parseMapping` (README: "Promotion from test to prod").
 */
export const PromotionMappingText = z.string().max(200_000).meta({
  description:
    "The mapping file's text, YAML or JSON: organizations (source org number → target org number, or null), prefixes (source prefix → target prefix), clients (source client name → target name), from, to (README: Promotion from test to prod)",
  example: 'organizations:\n  "310000019": "974760673"\nprefixes:\n  digdir: digdir\n',
});

/**
 * Body of `POST /api/envs/{env}/promotion/plan` (and the start of `…/promotion/apply`'s): the
 * source environment's id `from` (1-64 characters; the target is the path's `{env}`), the
 * mapping file's text (`PromotionMappingText`) and its format (`yaml` or `json`; default: JSON
 * when the text starts with `{`, else YAML). The BFF refuses an unknown or the same environment
 * (400 on `from`) and an unreadable or incomplete mapping (400 `invalid-promotion`, on `mapping`
 * or the mapping's own path).
 */
export const PromotionRequest = z
  .object({
    from: z
      .string()
      .min(1)
      .max(64)
      .meta({ description: "The source environment's id", example: "test" }),
    mapping: PromotionMappingText,
    format: z.enum(["yaml", "json"]).optional(),
  })
  .meta({ id: "PromotionRequest" });
export type PromotionRequest = z.infer<typeof PromotionRequest>;
