import { RowWarnings } from "../../../components/ui/row-warnings";
import { Badge } from "../../../components/ui/status";
import { useEnv } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { usePrefixDetails } from "../api/get-prefixes";

/**
 * The organisation's prefixes as Digdir answers them (`GET /api/v1/prefix`, 2025 OpenAPI
 * `ScopePrefix`): owner organisation (name and number), active, created. Fields Digdir leaves out
 * are shown as unknown; nothing is shown while loading or when the read fails (the scope list
 * above says what went wrong with Digdir).
 */
export function PrefixDetails() {
  const env = useEnv();
  const { t, formatDate } = useI18n();
  const prefixes = usePrefixDetails(env.id);
  if (!prefixes.isSuccess || prefixes.data.length === 0) return null;
  return (
    <div className="mt-6" data-testid="prefix-details">
      <h2 className="mb-2 text-base font-semibold">{t("scopes.prefixes.title")}</h2>
      <ul className="flex flex-col gap-1 text-sm">
        {prefixes.data.map((row) => (
          <li key={row.prefix} className="flex flex-wrap items-center gap-2">
            <code className="font-mono font-semibold">{row.prefix}</code>
            {row.active === false ? (
              <Badge>{t("scopes.prefixes.inactive")}</Badge>
            ) : row.active === true ? (
              <Badge tone="success">{t("scopes.prefixes.active")}</Badge>
            ) : null}
            <span>
              {t("scopes.prefixes.owner")}:{" "}
              {[row.organization_name, row.owner_orgno].filter(Boolean).join(" – ") ||
                t("scopes.prefixes.unknown")}
            </span>
            <span className="text-slate-600 dark:text-slate-400">
              {t("scopes.prefixes.created")}:{" "}
              {row.created ? formatDate(row.created) : t("scopes.prefixes.unknown")}
            </span>
            <RowWarnings warnings={row.portvakt_warnings} />
          </li>
        ))}
      </ul>
    </div>
  );
}
