import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { en, type MessageKey, nb } from "./messages";

export type Lang = "nb" | "en";
const STORAGE_KEY = "portvakt.lang";
const dictionaries: Record<Lang, Record<MessageKey, string>> = { nb, en };

type Vars = Record<string, string | number>;

export type I18n = {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** A message with `{name}` placeholders filled; numbers are formatted for the language. */
  t: (key: MessageKey, vars?: Vars) => string;
  formatDate: (iso: string | number | Date | undefined) => string;
  formatDateTime: (iso: string | number | Date | undefined) => string;
  formatNumber: (value: number) => string;
  locale: string;
};

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === "nb" || stored === "en") return stored;
  } catch {
    // Storage may be blocked; the default is bokmål.
  }
  return "nb";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembering the choice is acceptable.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const locale = lang === "nb" ? "nb-NO" : "en-GB";
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
    return {
      lang,
      setLang,
      locale,
      t: (key, vars) => {
        const template = dictionary[key] ?? key;
        if (!vars) return template;
        return template.replace(/\{(\w+)\}/g, (match, name: string) => {
          const v = vars[name];
          if (v === undefined) return match;
          return typeof v === "number" ? numberFormat.format(v) : v;
        });
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
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

export type { MessageKey };
