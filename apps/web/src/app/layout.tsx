import type { ChangeRequest } from "@portvakt/contracts";
import { type ReactNode, useEffect, useId, useState } from "react";
import { Button } from "../components/ui/button";
import { Badge } from "../components/ui/status";
import { CHANGE_REQUESTED_EVENT } from "../lib/api-client";
import { useEnvContext } from "../lib/env";
import { LANGS, type Lang, useI18n } from "../lib/i18n";
import { Link, useLocation } from "../lib/router";
import { useTheme } from "../lib/theme";
import { SessionMenu } from "./session-menu";

const NAV = [
  { to: "/scopes", key: "nav.scopes" },
  { to: "/access", key: "nav.access" },
  { to: "/consumer", key: "consumer.nav" },
  { to: "/requests", key: "requests.nav" },
  { to: "/clients", key: "nav.clients" },
  { to: "/catalogue", key: "catalogue.nav" },
  { to: "/keys", key: "keysOverview.nav" },
  { to: "/token-test", key: "tokenTest.nav" },
  { to: "/diagnose", key: "diagnose.nav" },
  { to: "/supplier", key: "supplier.nav" },
  { to: "/altinn", key: "nav.altinn" },
  { to: "/config", key: "nav.config" },
  { to: "/promotion", key: "promotion.nav" },
  { to: "/audit", key: "nav.audit" },
  { to: "/tokens", key: "tokens.nav" },
  { to: "/change-requests", key: "changeRequests.nav" },
] as const;

export function Layout({ children }: { children: ReactNode }) {
  const { env } = useEnvContext();
  const { t } = useI18n();
  const isProd = env.kind === "prod";
  // On a phone the pages and the header's controls fold behind one button, so the header does
  // not fill the first screen (issue 14, defect 6); from `sm` up they are always shown.
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  const menuId = useId();
  useEffect(() => {
    if (pathname) setMenuOpen(false);
  }, [pathname]);
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white p-2 text-blue-800 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        {t("shell.skip")}
      </a>
      {isProd && (
        <div
          data-testid="prod-banner"
          className="bg-red-700 px-4 py-1 text-center text-sm font-semibold text-white"
        >
          {t("shell.prodBanner")}
        </div>
      )}
      <header
        className={`border-b bg-white dark:bg-slate-900 ${isProd ? "border-red-600 border-b-4" : "border-slate-200 dark:border-slate-800"}`}
      >
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
          <Link to="/scopes" className="flex items-center gap-2 text-lg font-bold">
            <span
              aria-hidden="true"
              className="grid size-7 place-items-center rounded bg-blue-900 text-sm text-white dark:bg-sky-500 dark:text-slate-950"
            >
              P
            </span>
            Portvakt
          </Link>
          <button
            type="button"
            aria-expanded={menuOpen}
            aria-controls={menuId}
            title={t("shell.menuHelp")}
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="menu-toggle"
            className="ml-auto inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 px-3 text-sm font-medium text-slate-800 sm:hidden dark:border-slate-600 dark:text-slate-100"
          >
            <span aria-hidden="true">{menuOpen ? "✕" : "☰"}</span>
            {t("shell.menu")}
          </button>
          <div
            id={menuId}
            data-testid="header-menu"
            className={`${menuOpen ? "flex" : "hidden"} w-full flex-col gap-3 sm:contents`}
          >
            <MainNav />
            <div className="flex flex-wrap items-center gap-3 sm:ml-auto">
              <EnvSwitcher />
              <LanguageSwitcher />
              <ThemeToggle />
              <SessionMenu />
            </div>
          </div>
        </div>
      </header>
      <CredentialExpiry />
      <MissingAdminScopes />
      <ChangeRequestedNotice />
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6" key={env.id}>
        {children}
      </main>
      <footer className="border-t border-slate-200 px-4 py-3 text-center text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
        {t("shell.footer")}
      </footer>
    </div>
  );
}

/**
 * Says that the last change was not made but stored as a change request for another admin
 * (four-eyes), with a link to the inbox; until dismissed or the inbox is opened.
 */
function ChangeRequestedNotice() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const [request, setRequest] = useState<ChangeRequest | null>(null);
  useEffect(() => {
    const show = (event: Event) => setRequest((event as CustomEvent<ChangeRequest>).detail);
    window.addEventListener(CHANGE_REQUESTED_EVENT, show);
    return () => window.removeEventListener(CHANGE_REQUESTED_EVENT, show);
  }, []);
  useEffect(() => {
    if (pathname === "/change-requests") setRequest(null);
  }, [pathname]);
  if (!request) return null;
  return (
    <div className="mx-auto w-full max-w-7xl px-4 pt-4">
      <div
        role="status"
        data-testid="change-requested"
        className="flex flex-wrap items-start gap-3 rounded-lg border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950/60 dark:text-sky-50"
      >
        <p className="flex-1">
          {t("changeRequests.notice")} <span className="font-mono text-xs">{request.summary}</span>{" "}
          <Link
            to={`/change-requests?id=${encodeURIComponent(request.id)}`}
            className="font-medium underline"
          >
            {t("changeRequests.noticeLink")}
          </Link>
        </p>
        <Button onClick={() => setRequest(null)}>{t("changeRequests.noticeDismiss")}</Button>
      </div>
    </div>
  );
}

function MainNav() {
  const { pathname } = useLocation();
  const { t } = useI18n();
  return (
    <nav aria-label={t("shell.nav")} className="order-last w-full sm:order-none sm:w-auto">
      <ul className="flex flex-wrap gap-1">
        {NAV.map((item) => {
          const current = pathname === item.to || pathname.startsWith(`${item.to}/`);
          return (
            <li key={item.to}>
              <Link
                to={item.to}
                aria-current={current ? "page" : undefined}
                className={`block rounded-md px-3 py-2 text-sm font-medium ${
                  current
                    ? "bg-blue-100 text-blue-900 dark:bg-sky-900 dark:text-sky-50"
                    : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
                }`}
              >
                {t(item.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function EnvSwitcher() {
  const { envs, env, setEnvId } = useEnvContext();
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="text-sm text-slate-700 dark:text-slate-300">
        {t("shell.env")}
      </label>
      <select
        id={id}
        value={env.id}
        onChange={(e) => setEnvId(e.target.value)}
        data-testid="env-switcher"
        className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-800"
      >
        {envs.map((e) => (
          <option key={e.id} value={e.id}>
            {e.label}
          </option>
        ))}
      </select>
      {env.kind === "prod" ? (
        <Badge tone="danger">{t("shell.prod")}</Badge>
      ) : (
        <Badge tone={env.kind === "test" ? "info" : "neutral"}>{env.kind}</Badge>
      )}
      {env.orgno && (
        <span className="text-sm" data-testid="acting-org">
          <span className="sr-only">{t("shell.actingAs")} </span>
          <span className="font-medium">{env.orgName}</span>{" "}
          <span className="font-mono text-slate-600 dark:text-slate-400">{env.orgno}</span>
        </span>
      )}
    </div>
  );
}

/** The language of the page: a select, each option named in its own language. */
function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  const names: Record<Lang, string> = { nb: "Bokmål", nn: "Nynorsk", en: "English" };
  return (
    <span className="inline-flex items-center gap-1 text-sm">
      <select
        aria-label={t("shell.switchLanguage")}
        value={lang}
        onChange={(e) => setLang(e.target.value as Lang)}
        data-testid="language-switch"
        className="h-9 rounded-md border border-slate-300 bg-white px-1 text-sm font-medium text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200"
      >
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {names[l]}
          </option>
        ))}
      </select>
    </span>
  );
}

function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const { t } = useI18n();
  const dark = theme === "dark";
  return (
    <button
      type="button"
      aria-pressed={dark}
      onClick={() => setTheme(dark ? "light" : "dark")}
      data-testid="theme-toggle"
      className="inline-flex h-9 items-center gap-1 rounded-md px-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <span aria-hidden="true">{dark ? "☾" : "☀"}</span>
      {t("shell.darkTheme")}
    </button>
  );
}

const DAY_MS = 86_400_000;
/** Admins are warned this long before the business certificate stops working. */
const EXPIRY_WARNING_DAYS = 60;

function CredentialExpiry() {
  const { env } = useEnvContext();
  const { t, formatDate, formatNumber } = useI18n();
  const notAfter = env.credential?.notAfter;
  if (env.role !== "admin" || !notAfter) return null;
  const days = Math.floor((new Date(notAfter).getTime() - Date.now()) / DAY_MS);
  if (days > EXPIRY_WARNING_DAYS) return null;
  const urgent = days <= 30;
  return (
    <div
      role="status"
      data-testid="credential-expiry"
      className={
        urgent
          ? "border-b border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50"
          : "border-b border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-50"
      }
    >
      <p className="mx-auto max-w-7xl px-4 py-2 text-sm font-medium">
        {days < 0
          ? t("shell.credentialExpired", { env: env.label, date: formatDate(notAfter) })
          : t("shell.credentialExpires", {
              env: env.label,
              date: formatDate(notAfter),
              days: formatNumber(days),
            })}
      </p>
    </div>
  );
}

function MissingAdminScopes() {
  const { env } = useEnvContext();
  const { t } = useI18n();
  if (env.missingAdminScopes.length === 0) return null;
  return (
    <div className="border-b border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-50">
      <div className="mx-auto max-w-7xl px-4 py-2 text-sm" data-testid="missing-admin-scopes">
        <p className="font-medium">{t("shell.missingScopes", { env: env.label })}</p>
        <ul className="mt-1 flex flex-col gap-0.5">
          {env.missingAdminScopes.map((scope) => (
            <li key={scope}>
              <code className="font-mono">{scope}</code> — {t(adminScopeKey(scope))}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function adminScopeKey(scope: string) {
  switch (scope) {
    case "idporten:scopes.write":
      return "admin.scopesWrite" as const;
    case "idporten:scopes.read":
      return "admin.scopesRead" as const;
    case "idporten:dcr.read":
      return "admin.dcrRead" as const;
    case "idporten:dcr.write":
      return "admin.dcrWrite" as const;
    case "idporten:dcr.modify":
      return "admin.dcrModify" as const;
    default:
      return "admin.other" as const;
  }
}
