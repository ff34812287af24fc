import { IntlMessageFormat } from "intl-messageformat";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";
import { codedOf, codeTemplate, loadCodeTables } from "./coded-messages";
import { type MessageKey, nb } from "./messages";
import { en } from "./messages.en";
import { nn } from "./messages.nn";

/**
 * The languages of the console: bokmål, nynorsk (Norwegian public bodies must offer both written
 * standards, Språklova § 8) and English. Every catalogue has every key (a compile error otherwise).
 */
export type Lang = "nb" | "nn" | "en";
export const LANGS: readonly Lang[] = ["nb", "nn", "en"];
const STORAGE_KEY = "portvakt.lang";
const dictionaries: Record<Lang, Record<MessageKey, string>> = { nb, nn, en };
/** BCP 47 locale per language: plural rules, number and date formats. */
export const LOCALES: Record<Lang, string> = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };

export type Vars = Record<string, string | number>;

export type I18n = {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /**
   * A catalogue message formatted as ICU MessageFormat (FormatJS `intl-messageformat`):
   * `{name}` arguments, `{count, plural, one {# …} other {# …}}` with the language's plural
   * rules; numbers are formatted for the language.
   */
  t: (key: MessageKey, vars?: Vars) => string;
  /**
   * A coded text from the BFF or a package (`{code, params, detail}`, docs/i18n.md) in the page's
   * language; the English `detail` (or `fallback`) if no table knows the code.
   */
  tc: (
    coded: { code?: string; params?: Vars; detail?: string } | undefined,
    fallback?: string,
  ) => string;
  /**
   * An English text a package made from a message table (e.g. `orgNumberProblem(...)`), shown in
   * the page's language; other text is shown as it is.
   */
  tm: (text: string | undefined | null) => string;
  formatDate: (iso: string | number | Date | undefined) => string;
  formatDateTime: (iso: string | number | Date | undefined) => string;
  formatNumber: (value: number) => string;
  locale: string;
};

const I18nContext = createContext<I18n | null>(null);

function isLang(value: unknown): value is Lang {
  return value === "nb" || value === "nn" || value === "en";
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // Storage may be blocked; the default is bokmål.
  }
  return "nb";
}

/**
 * Formats one ICU message; compiled messages are cached per language. A message that cannot be
 * formatted (a missing argument) falls back to its text with known `{name}`s replaced rather
 * than throwing inside React.
 */
export function createFormatter(lang: Lang) {
  const locale = LOCALES[lang];
  const cache = new Map<string, IntlMessageFormat>();
  const numberFormat = new Intl.NumberFormat(locale);
  return (template: string, vars?: Vars): string => {
    // A number given to a plain `{name}` is shown as the language writes numbers ("10 000"), as
    // `{name, number}` would: intl-messageformat itself prints a plain argument as it is.
    const source = vars
      ? template.replace(/\{(\w+)\}/g, (match, name: string) =>
          typeof vars[name] === "number" ? `{${name}, number}` : match,
        )
      : template;
    let compiled = cache.get(source);
    try {
      if (!compiled) {
        compiled = new IntlMessageFormat(source, locale);
        cache.set(source, compiled);
      }
      return String(compiled.format(vars));
    } catch {
      return template.replace(/\{(\w+)[^{}]*\}/g, (match, name: string) => {
        const v = vars?.[name];
        if (v === undefined) return match;
        return typeof v === "number" ? numberFormat.format(v) : v;
      });
    }
  };
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  // The code tables (the BFF's problems, diagnosis, Altinn and config texts) come after the
  // first page; texts made from codes are rendered again once they are in.
  const [codeTables, setCodeTables] = useState(0);
  useEffect(() => {
    void loadCodeTables().then(() => setCodeTables(1));
  }, []);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembering the choice is acceptable.
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: codeTables makes the coded texts render again once the tables are loaded
  const value = useMemo<I18n>(() => {
    const locale = LOCALES[lang];
    document.documentElement.lang = lang;
    const numberFormat = new Intl.NumberFormat(locale);
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
    });
    const toDate = (value: string | number | Date | undefined) => {
      if (value === undefined || value === "") return undefined;
      const date = value instanceof Date ? value : new Date(value);
      return Number.isNaN(date.getTime()) ? undefined : date;
    };
    const dictionary = dictionaries[lang];
    const format = createFormatter(lang);
    return {
      lang,
      setLang,
      locale,
      t: (key, vars) => format(dictionary[key] ?? key, vars),
      tc: (coded, fallback) => {
        const template = coded?.code ? codeTemplate(coded.code, lang) : undefined;
        if (template) return format(template, coded?.params);
        return coded?.detail ?? fallback ?? "";
      },
      tm: (text) => {
        if (!text) return "";
        if (lang === "en") return text;
        const known = codedOf(text);
        const template = known ? codeTemplate(known.code, lang) : undefined;
        return template ? format(template, known?.params) : text;
      },
      formatNumber: (value) => numberFormat.format(value),
      formatDate: (value) => {
        const date = toDate(value);
        return date ? dateFormat.format(date) : "—";
      },
      formatDateTime: (value) => {
        const date = toDate(value);
        return date ? dateTimeFormat.format(date) : "—";
      },
    };
  }, [lang, setLang, codeTables]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

export type { MessageKey };
export { dictionaries };
