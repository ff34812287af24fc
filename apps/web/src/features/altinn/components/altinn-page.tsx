import { useEffect, useMemo, useRef, useState } from "react";
import { RoleNotice } from "../../../components/ui/role-notice";
import { Notice, PageHeader } from "../../../components/ui/status";
import { useEnv, useHasAdminScope } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useRoleGate } from "../../../lib/session";
import { type MetadataProblem, useMetadataValidation } from "../api/validate-metadata";
import { MetadataEditor } from "./metadata-editor";
import { type LoadedTexts, lineOf, rangeOfProblem } from "./metadata-text";
import { ProvisionPanel } from "./provision-panel";
import { StartFromApp } from "./start-from-app";
import { TryRequest } from "./try-request";
import { ScopesInMaskinporten, ValidationReport } from "./validation-report";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * An Altinn 3 app's apiScopes in one place: the file (pasted, uploaded or generated), its check
 * against this environment, the scopes created in Maskinporten, and a request tried as the app
 * would decide it.
 */
export function AltinnPage() {
  const env = useEnv();
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [texts, setTexts] = useState<LoadedTexts[]>([]);
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const admin = useRoleGate("admin");
  const canWriteScopes = useHasAdminScope("idporten:scopes.write");

  const checked = useDebounced(text, 400);
  const textResources = useMemo(
    () =>
      texts.length > 0 ? Object.fromEntries(texts.map((x) => [x.language, x.file])) : undefined,
    [texts],
  );
  const validation = useMetadataValidation(env.id, checked, textResources);
  const hasText = checked.trim() !== "";
  const report = hasText ? validation.data : undefined;
  const current = checked === text && !validation.isPlaceholderData && !validation.isFetching;

  const showProblem = (problem: MetadataProblem) => {
    const editor = editorRef.current;
    if (!editor) return;
    const range = rangeOfProblem(editor.value, problem);
    editor.focus();
    if (!range) return;
    editor.setSelectionRange(range.start, range.end);
    const lineHeight = Number.parseFloat(getComputedStyle(editor).lineHeight) || 20;
    editor.scrollTop = Math.max(0, (lineOf(editor.value, range.start) - 4) * lineHeight);
  };

  return (
    <section>
      <PageHeader title={t("altinn.title")} description={t("altinn.description")} />
      <RoleNotice needed="admin" what="altinn.role.what" />
      {!canWriteScopes && (
        <div className="mb-4">
          <Notice>{t("missing.scope", { scope: "idporten:scopes.write" })}</Notice>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-6">
          <MetadataEditor
            text={text}
            onTextChange={setText}
            editorRef={editorRef}
            texts={texts}
            onTextsChange={setTexts}
          />
          <StartFromApp text={text} onTextChange={setText} />
        </div>
        <div className="flex min-w-0 flex-col gap-6">
          <ValidationReport
            validation={validation}
            hasText={hasText}
            stale={!current}
            onShow={showProblem}
          />
          <ScopesInMaskinporten report={report} />
          <ProvisionPanel
            metadata={text}
            report={report}
            ready={current}
            allowed={admin.allowed && canWriteScopes}
            deniedReason={admin.reason || undefined}
          />
        </div>
      </div>
      <div className="mt-6">
        <TryRequest
          metadata={text}
          textResources={textResources}
          languages={texts.map((x) => x.language)}
        />
      </div>
    </section>
  );
}
