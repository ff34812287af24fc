import { IntlMessageFormat } from "intl-messageformat";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { Button } from "../components/ui/button";
import { codedOf, codeTemplate, loadCodeTables } from "./coded-messages";
import { type MessageKey, nb } from "./messages";
import { newVersionMessages } from "./new-version-messages";

/**
 * The languages of the console: bokmål, nynorsk (Norwegian public bodies must offer both written
 * standards, Språklova § 8) and English. Every catalogue has every key (a compile error otherwise).
 */
export type Lang = "nb" | "nn" | "en";
export const LANGS: readonly Lang[] = ["nb", "nn", "en"];
const STORAGE_KEY = "portvakt.lang";

/** One language's UI texts: every key of the bokmål catalogue (`lib/messages*.ts`). */
export type Catalogue = Record<MessageKey, string>;

/**
 * The catalogues in this page. Bokmål, the default, is in the first load; nynorsk and English
 * are chunks of their own (`messages.nn.ts`, `messages.en.ts`), fetched when chosen, so the first
 * load carries one language (issue 14: first-load JS ≤ 200 kB gzip).
 */
const dictionaries: Partial<Record<Lang, Catalogue>> = { nb };
const importers: Record<Exclude<Lang, "nb">, () => Promise<Catalogue>> = {
  nn: () => import("./messages.nn").then((m) => m.nn),
  en: () => import("./messages.en").then((m) => m.en),
};
const loading = new Map<Lang, Promise<Catalogue>>();

/**
 * A language's catalogue, fetching its chunk the first time (one fetch for concurrent callers).
 * Rejects when the chunk cannot be loaded, e.g. when a redeploy removed it (the BFF answers 404
 * for a missing `/assets/*.js`); the next call tries again.
 */
export function loadCatalogue(lang: Lang): Promise<Catalogue> {
  const have = dictionaries[lang];
  if (have) return Promise.resolve(have);
  let pending = loading.get(lang);
  if (!pending) {
    pending = importers[lang as Exclude<Lang, "nb">]().then(
      (catalogue) => {
        dictionaries[lang] = catalogue;
        loading.delete(lang);
        return catalogue;
      },
      (error: unknown) => {
        loading.delete(lang);
        throw error;
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}
/** BCP 47 locale per language: plural rules, number and date formats. */
export const LOCALES: Record<Lang, string> = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };

export type Vars = Record<string, string | number>;

export type I18n = {
  /** The language the page is shown in (its catalogue is loaded). */
  lang: Lang;
  /**
   * Shows the page in `lang` and remembers the choice; for nn or en the first time, after its
   * catalogue chunk is in (the page stays as it is meanwhile, `pendingLang` says which one comes).
   */
  setLang: (lang: Lang) => void;
  /** The language whose catalogue is being fetched after `setLang`, if any. */
  pendingLang: Lang | undefined;
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

/**
 * The page's language and texts. The page is rendered only once the active language's catalogue
 * is in (bokmål at once; a stored nn or en after its chunk), so a page never shows one language
 * and then another. A catalogue that cannot be fetched keeps the page in the language it has and
 * shows "new version, reload" in the chosen language (`newVersionMessages`, in the first load).
 */
// A stored nn or en is fetched as soon as this module runs, not after React's first render.
const storedLang = initialLang();
if (storedLang !== "nb") loadCatalogue(storedLang).catch(() => undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [first] = useState(initialLang);
  const [lang, setLangState] = useState<Lang>(() => (dictionaries[first] ? first : "nb"));
  const [pendingLang, setPendingLang] = useState<Lang | undefined>(() =>
    dictionaries[first] ? undefined : first,
  );
  const [failedLang, setFailedLang] = useState<Lang | undefined>();
  // Until the stored language's catalogue is in (or failed), nothing is shown: not bokmål first.
  const [ready, setReady] = useState(() => Boolean(dictionaries[first]));
  // The code tables (the BFF's problems, diagnosis, Altinn and config texts) come after the
  // first page; texts made from codes are rendered again once they are in.
  const [codeTables, setCodeTables] = useState(0);
  useEffect(() => {
    void loadCodeTables().then(() => setCodeTables(1));
  }, []);

  const wanted = useRef<Lang | undefined>(undefined);
  const setLang = useCallback((next: Lang) => {
    wanted.current = next;
    setFailedLang(undefined);
    // Remembered at once: a page opened (or reloaded) meanwhile starts in the chosen language.
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembering the choice is acceptable.
    }
    const show = () => {
      if (wanted.current !== next) return; // a later choice won
      setPendingLang(undefined);
      setLangState(next);
      setReady(true);
      document.documentElement.lang = next;
    };
    if (dictionaries[next]) {
      show();
      return;
    }
    setPendingLang(next);
    loadCatalogue(next).then(show, () => {
      if (wanted.current !== next) return;
      setPendingLang(undefined);
      setFailedLang(next);
      setReady(true);
    });
  }, []);

  // Another tab of the console chose a language (its `setLang` stored it): this one follows, as
  // the theme does (lib/theme.ts), so two tabs never show two languages. Browsers fire `storage`
  // only in the other tabs of the origin, and only when the stored value changed.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY && isLang(event.newValue)) setLang(event.newValue);
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [setLang]);

  // The stored language's catalogue may have come in (from the HTTP cache) between the first
  // render and this effect: setLang shows it then at once, else when it is in.
  const [readyAtStart] = useState(ready);
  useEffect(() => {
    if (!readyAtStart) setLang(first);
  }, [first, readyAtStart, setLang]);

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
    const dictionary = dictionaries[lang] ?? nb;
    const format = createFormatter(lang);
    return {
      lang,
      setLang,
      pendingLang,
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
  }, [lang, setLang, pendingLang, codeTables]);

  return (
    <I18nContext.Provider value={value}>
      {failedLang && <CatalogueFailed lang={failedLang} />}
      {ready ? children : <div aria-busy="true" data-testid="language-loading" />}
    </I18nContext.Provider>
  );
}

/**
 * A language's catalogue could not be fetched (after a redeploy its chunk is gone): the text the
 * pages use for a missing chunk, in the chosen language, with a reload.
 */
function CatalogueFailed({ lang }: { lang: Lang }) {
  const text = newVersionMessages[lang];
  return (
    <div
      role="alert"
      lang={lang}
      data-testid="new-version"
      className="flex flex-wrap items-center gap-3 border-b border-amber-400 bg-amber-50 p-3 text-sm text-slate-900 dark:bg-amber-950 dark:text-slate-100"
    >
      <p>{text["app.newVersion"]}</p>
      <Button size="sm" onClick={() => window.location.reload()}>
        {text["app.reload"]}
      </Button>
    </div>
  );
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

export type { MessageKey };
