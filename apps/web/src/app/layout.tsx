import type { ChangeRequest } from "@portvakt/contracts";
import { Link, useRouterState } from "@tanstack/react-router";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Button, Spinner } from "../components/ui/button";
import { Select } from "../components/ui/field";
import { Badge } from "../components/ui/status";
import { CHANGE_REQUESTED_EVENT } from "../lib/api-client";
import { useEnvContext } from "../lib/env";
import { LANGS, type Lang, useI18n } from "../lib/i18n";
import { useTheme } from "../lib/theme";
import { SessionMenu } from "./session-menu";

/**
 * The side menu, grouped by job (issue 14 item 14): providing APIs, consuming them, Altinn, and
 * administration. Typed links into the current environment (`/$env/…`, routes.tsx).
 */
const NAV_GROUPS = [
  {
    id: "provider",
    key: "nav.group.provider",
    items: [
      { to: "/$env/scopes", key: "nav.scopes" },
      { to: "/$env/access", key: "nav.access" },
      { to: "/$env/catalogue", key: "catalogue.nav" },
      { to: "/$env/requests", key: "requests.nav" },
      { to: "/$env/consumer", key: "consumer.nav" },
    ],
  },
  {
    id: "consumer",
    key: "nav.group.consumer",
    items: [
      { to: "/$env/clients", key: "nav.clients" },
      { to: "/$env/keys", key: "keysOverview.nav" },
      { to: "/$env/token-test", key: "tokenTest.nav" },
      { to: "/$env/diagnose", key: "diagnose.nav" },
    ],
  },
  {
    id: "altinn",
    key: "nav.group.altinn",
    items: [{ to: "/$env/altinn", key: "nav.altinn" }],
  },
  {
    id: "admin",
    key: "nav.group.admin",
    items: [
      { to: "/$env/config", key: "nav.config" },
      { to: "/$env/promotion", key: "promotion.nav" },
      { to: "/$env/audit", key: "nav.audit" },
      { to: "/$env/supplier", key: "supplier.nav" },
      { to: "/$env/tokens", key: "tokens.nav" },
      { to: "/$env/change-requests", key: "changeRequests.nav" },
    ],
  },
] as const;

/**
 * The console's frame: a header with the environment, the organisation acted as, the person and
 * the language; the side menu; the page. Below `lg` the menu folds behind one button (and below
 * `sm` the header's controls too, so the header does not fill a phone's first screen; issue 14,
 * defect 6): the button moves focus into the menu, Escape closes it and gives focus back.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { env } = useEnvContext();
  const { t } = useI18n();
  const isProd = env.kind === "prod";
  const [menuOpen, setMenuOpen] = useState(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const menuId = useId();
  const controlsId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const wasOpen = useRef(false);
  wasOpen.current = menuOpen;

  // Choosing a page folds the menu; focus goes to the page (the link chosen is hidden now).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes
  useEffect(() => {
    if (!wasOpen.current) return;
    setMenuOpen(false);
    mainRef.current?.focus();
  }, [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    menuRef.current?.querySelector<HTMLElement>("a, select, button")?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

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
        <div className="flex flex-wrap items-center gap-x-4 gap-y-3 px-4 py-2 lg:flex-nowrap">
          <Link
            to="/$env/scopes"
            params={{ env: env.id }}
            data-testid="header-home"
            className="flex shrink-0 items-center gap-2 text-lg font-bold"
          >
            <span
              aria-hidden="true"
              className="grid size-7 place-items-center rounded bg-blue-900 text-sm text-white dark:bg-sky-500 dark:text-slate-950"
            >
              P
            </span>
            Portvakt
          </Link>
          <button
            ref={toggleRef}
            type="button"
            aria-expanded={menuOpen}
            aria-controls={`${menuId} ${controlsId}`}
            title={t("shell.menuHelp")}
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="menu-toggle"
            className="ml-auto inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 px-3 text-sm font-medium text-slate-800 lg:hidden dark:border-slate-600 dark:text-slate-100"
          >
            <span aria-hidden="true">{menuOpen ? "✕" : "☰"}</span>
            {t("shell.menu")}
          </button>
          <div
            id={controlsId}
            className={`${menuOpen ? "flex" : "hidden"} w-full flex-col gap-3 sm:ml-auto sm:flex sm:w-auto sm:flex-row sm:flex-wrap sm:items-center lg:ml-auto lg:min-w-0 lg:flex-nowrap`}
          >
            <EnvSwitcher />
            <LanguageSwitcher />
            <ThemeToggle />
            <SessionMenu />
          </div>
        </div>
      </header>
      <div className="flex flex-1 flex-col lg:flex-row">
        <div
          id={menuId}
          ref={menuRef}
          data-testid="header-menu"
          className={`${menuOpen ? "block" : "hidden"} border-b border-slate-200 bg-white px-2 py-3 lg:block lg:w-60 lg:shrink-0 lg:border-r lg:border-b-0 dark:border-slate-800 dark:bg-slate-900`}
        >
          <SideNav envId={env.id} />
        </div>
        <div className="flex min-w-0 flex-1 flex-col">
          <CredentialExpiry />
          <MissingAdminScopes />
          <ChangeRequestedNotice />
          <main
            id="main"
            ref={mainRef}
            tabIndex={-1}
            className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 outline-none"
            key={env.id}
          >
            {children}
          </main>
        </div>
      </div>
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
  const { env } = useEnvContext();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const [request, setRequest] = useState<ChangeRequest | null>(null);
  useEffect(() => {
    const show = (event: Event) => setRequest((event as CustomEvent<ChangeRequest>).detail);
    window.addEventListener(CHANGE_REQUESTED_EVENT, show);
    return () => window.removeEventListener(CHANGE_REQUESTED_EVENT, show);
  }, []);
  useEffect(() => {
    if (pathname.endsWith("/change-requests")) setRequest(null);
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
            to="/$env/change-requests"
            params={{ env: env.id }}
            search={{ id: request.id }}
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

/** The pages, grouped by job; the current one is marked (`aria-current="page"`). */
function SideNav({ envId }: { envId: string }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t("shell.nav")} className="flex flex-col gap-4">
      {NAV_GROUPS.map((group) => (
        <div key={group.id} className="flex flex-col gap-1">
          <p
            id={`nav-group-${group.id}`}
            className="px-3 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400"
          >
            {t(group.key)}
          </p>
          <ul aria-labelledby={`nav-group-${group.id}`} className="flex flex-col gap-0.5">
            {group.items.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  params={{ env: envId }}
                  className="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
                  activeProps={{
                    className:
                      "bg-blue-100 text-blue-900 hover:bg-blue-100 dark:bg-sky-900 dark:text-sky-50 dark:hover:bg-sky-900",
                  }}
                >
                  {t(item.key)}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function EnvSwitcher() {
  const { envs, env, setEnvId } = useEnvContext();
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="flex min-w-0 items-center gap-2 [&>select]:shrink-0">
      {/* The select shows the environment's name: its label is for screen readers (and getByLabel). */}
      <label htmlFor={id} className="sr-only">
        {t("shell.env")}
      </label>
      <Select
        id={id}
        value={env.id}
        onChange={(e) => setEnvId(e.target.value)}
        data-testid="env-switcher"
        data-size="sm"
        className="w-auto"
      >
        {envs.map((e) => (
          <option key={e.id} value={e.id}>
            {e.label}
          </option>
        ))}
      </Select>
      {env.kind === "prod" ? (
        <Badge tone="danger">{t("shell.prod")}</Badge>
      ) : (
        <Badge tone={env.kind === "test" ? "info" : "neutral"}>{env.kind}</Badge>
      )}
      {env.orgno && (
        <span
          className="flex min-w-0 items-baseline gap-1 text-sm whitespace-nowrap"
          data-testid="acting-org"
          title={`${env.orgName ?? ""} ${env.orgno}`.trim()}
        >
          <span className="sr-only">{t("shell.actingAs")} </span>
          {/* The name from 1,280 px (xl) on, shortened if long; the number always. */}
          <span className="hidden min-w-0 max-w-48 truncate font-medium xl:inline">
            {env.orgName}
          </span>{" "}
          <span className="font-mono text-slate-600 dark:text-slate-400">{env.orgno}</span>
        </span>
      )}
    </div>
  );
}

/** The language of the page: a select, each option named in its own language. */
function LanguageSwitcher() {
  const { lang, pendingLang, setLang, t } = useI18n();
  const names: Record<Lang, string> = { nb: "Bokmål", nn: "Nynorsk", en: "English" };
  // While a language's texts are fetched the select shows the choice and is marked busy.
  return (
    <span className="inline-flex shrink-0 items-center gap-1" aria-busy={pendingLang !== undefined}>
      {pendingLang && <Spinner />}
      <Select
        aria-label={t("shell.switchLanguage")}
        value={pendingLang ?? lang}
        onChange={(e) => setLang(e.target.value as Lang)}
        data-testid="language-switch"
        data-size="sm"
        className="w-auto shrink-0"
      >
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {names[l]}
          </option>
        ))}
      </Select>
    </span>
  );
}

/** Dark theme on or off: an icon button (Designsystemet), named "Dark theme", pressed when on. */
function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const { t } = useI18n();
  const dark = theme === "dark";
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-pressed={dark}
      aria-label={t("shell.darkTheme")}
      title={t("shell.darkTheme")}
      onClick={() => setTheme(dark ? "light" : "dark")}
      data-testid="theme-toggle"
      data-icon="true"
      className="shrink-0"
    >
      <span aria-hidden="true">{dark ? "☾" : "☀"}</span>
    </Button>
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
