import { IntlMessageFormat } from "intl-messageformat";
import { z } from "zod";

/**
 * Texts that cross a boundary (BFF → browser, package → BFF/web/CLI) travel as a stable code with
 * parameters, plus an English `detail` for API clients, logs and the CLI. The browser renders the
 * code in the page's language from the emitting package's message table. See docs/i18n.md.
 */

/** The languages every person-facing text exists in: bokmål, nynorsk, English. */
export type Lang = "nb" | "nn" | "en";
export const LANGS = ["nb", "nn", "en"] as const satisfies readonly Lang[];

/** BCP 47 locale per language (plural rules, number formats). */
export const LOCALE_OF: Record<Lang, string> = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };

/** Parameters of a coded message: names to strings or numbers (plurals need numbers). */
export const MessageParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type MessageParams = z.infer<typeof MessageParams>;

/**
 * `{code, params, detail}`: one coded text. `code` is stable (`<area>.<what>`, e.g.
 * `problem.conflict.state`, `diagnosis.kid.unknown`), `params` fill the ICU template,
 * `detail` is the English rendering (never parsed by clients; for humans and logs).
 */
export const Coded = z.object({
  code: z.string(),
  params: MessageParams.optional(),
  detail: z.string(),
});
export type Coded = z.infer<typeof Coded>;

/**
 * A code → ICU MessageFormat template table, one per language. Typing it as
 * `MessageTable<"a" | "b">` makes a code missing in nb, nn or en a compile error.
 */
export type MessageTable<C extends string> = Record<Lang, Record<C, string>>;

/** Identity helper so a table's codes are inferred from its English side and checked for nb/nn. */
export function defineMessages<const C extends string>(table: {
  en: Record<C, string>;
  nb: Record<NoInfer<C>, string>;
  nn: Record<NoInfer<C>, string>;
}): MessageTable<C> {
  return table;
}

const compiled = new Map<string, IntlMessageFormat>();

/**
 * Formats an ICU template (`{name}`, `{n, plural, one {# x} other {# xs}}`) for a language.
 * Throws if the template is malformed or a parameter it needs is missing.
 */
export function formatMessage(template: string, lang: Lang, params?: MessageParams): string {
  const key = `${lang}\u0000${template}`;
  let message = compiled.get(key);
  if (!message) {
    message = new IntlMessageFormat(template, LOCALE_OF[lang]);
    compiled.set(key, message);
  }
  return String(message.format(params));
}

/** Builds a `Coded` from a table: the English detail is rendered from the table's `en` side. */
export function coded<C extends string>(
  table: MessageTable<C>,
  code: C,
  params?: MessageParams,
): Coded {
  return {
    code,
    ...(params && Object.keys(params).length ? { params } : {}),
    detail: formatMessage(table.en[code], "en", params),
  };
}

type AstNode = {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
};

/** The parameter names an ICU template uses, sorted (into plural/select branches too). */
export function messageParamsOf(template: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: AstNode[]) => {
    for (const node of nodes) {
      // 0 = literal, 7 = pound (#) in @formatjs/icu-messageformat-parser's TYPE.
      if (node.type !== 0 && node.type !== 7 && typeof node.value === "string")
        names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
      if (node.children) walk(node.children);
    }
  };
  walk(new IntlMessageFormat(template, "en").getAst() as unknown as AstNode[]);
  return [...names].sort();
}

/**
 * What is wrong with a message table, as readable lines (empty when it is sound): a code
 * without text in nb, nn or en, a template that is not valid ICU, or languages that use
 * different parameters. Every package with a table runs this in a test.
 */
export function messageTableProblems(table: MessageTable<string>): string[] {
  const problems: string[] = [];
  const codes = new Set(LANGS.flatMap((lang) => Object.keys(table[lang] ?? {})));
  for (const code of codes) {
    let reference: string | undefined;
    // English first: it is the reference the other languages are compared with.
    for (const lang of ["en", "nb", "nn"] as const) {
      const text = table[lang]?.[code];
      if (typeof text !== "string" || text.trim() === "") {
        problems.push(`${code}: no ${lang} text`);
        continue;
      }
      let params: string;
      try {
        params = messageParamsOf(text).join(",");
      } catch (error) {
        problems.push(`${code}: ${lang} is not ICU MessageFormat (${String(error)})`);
        continue;
      }
      if (reference === undefined) reference = params;
      else if (params !== reference) {
        problems.push(`${code}: ${lang} uses parameters [${params}], not [${reference}]`);
      }
    }
  }
  return problems;
}
