import { useEffect, useState } from "react";
import { Button } from "../../../components/ui/button";
import { Field, Textarea } from "../../../components/ui/field";
import { useToast } from "../../../components/ui/toast";
import { isApiProblem } from "../../../lib/api-client";
import { useEnv } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useReplaceClientKeys } from "../api/change-keys";
import type { KeyProblem } from "../convert/key-input";
import { type CurrentKey, type KeySetProblem, planKeySet } from "../convert/key-set-input";
import { PROBLEM_KEYS } from "./add-key-form";
import { ConcurrentEditNotice } from "./concurrent-edit-notice";

type Planned = Awaited<ReturnType<typeof planKeySet>>;

/**
 * Replaces a client's whole key set from a pasted JWKS (issue 14 #18; keys made in an HSM or a
 * key vault): every key checked in the browser (public RSA only, no private member, ≥ 2048 bits),
 * the 5-key limit checked, the diff by kid shown (added, removed, kept), a confirmation, then one
 * guarded write with the set's version (If-Match): someone else's change in between is a 412
 * with a reload offer, not a lost key.
 */
export function ReplaceKeySetForm({
  clientId,
  etag,
  current,
  onReload,
  onDone,
}: {
  clientId: string;
  etag: string | null;
  current: readonly CurrentKey[];
  onReload: () => void;
  onDone: () => void;
}) {
  const env = useEnv();
  const { t, tm } = useI18n();
  const toast = useToast();
  const replace = useReplaceClientKeys(env.id, clientId);
  const [text, setText] = useState("");
  const [planned, setPlanned] = useState<Planned | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    let latest = true;
    if (!text.trim()) {
      setPlanned(null);
      return;
    }
    void planKeySet(text, current).then((result) => {
      if (latest) setPlanned(result);
    });
    return () => {
      latest = false;
    };
  }, [text, current]);

  const keyProblemText = (problem: KeyProblem) =>
    t(PROBLEM_KEYS[problem.code], {
      detail:
        problem.code === "schema"
          ? tm(problem.detail ?? "")
          : problem.detail || (problem.code === "unknownFormat" ? "none" : ""),
    });
  const problemText = (problem: KeySetProblem): string => {
    switch (problem.code) {
      case "tooMany":
        return t("replaceKeys.problem.tooMany", { count: problem.count, max: problem.max });
      case "duplicateKid":
        return t("replaceKeys.problem.duplicateKid", { kid: problem.kid });
      case "kidReused":
        return t("replaceKeys.problem.kidReused", { kid: problem.kid });
      case "key":
        return t("replaceKeys.problem.key", {
          index: problem.index,
          problem: keyProblemText(problem.problem),
        });
      default:
        return t(`replaceKeys.problem.${problem.code}`);
    }
  };

  const plan = planned?.ok ? planned.plan : null;
  const problems = planned && !planned.ok ? planned.problems : [];

  const submit = () => {
    if (!plan || !etag) return;
    setConflict(false);
    replace.mutate(
      { keys: plan.keys, etag },
      {
        onSuccess: (result) => {
          setConfirming(false);
          toast.success(t("replaceKeys.done", { count: result.jwks.keys.length }));
          onDone();
        },
        onError: (error) => {
          setConfirming(false);
          if (isApiProblem(error) && error.status === 412) setConflict(true);
          else toast.error(t("replaceKeys.failed"), error);
        },
      },
    );
  };

  const list = (kids: string[]) =>
    kids.length === 0 ? (
      <span className="text-slate-600 dark:text-slate-400">{t("replaceKeys.none")}</span>
    ) : (
      <ul className="list-disc pl-5 font-mono text-xs break-all">
        {kids.map((kid) => (
          <li key={kid}>{kid}</li>
        ))}
      </ul>
    );

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (plan) setConfirming(true);
      }}
    >
      <p className="text-sm">{t("replaceKeys.intro")}</p>
      <Field
        id="replace-jwks"
        label={t("replaceKeys.label")}
        error={problems.length > 0 ? problems.map(problemText).join(" ") : null}
      >
        {({ id, describedBy, invalid }) => (
          <Textarea
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            rows={8}
            className="font-mono text-xs"
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setConfirming(false);
              setText(e.target.value);
            }}
          />
        )}
      </Field>
      {plan && (
        <div className="grid gap-3 text-sm sm:grid-cols-3" data-testid="key-set-diff">
          <div data-testid="diff-added">
            <p className="font-semibold text-green-800 dark:text-green-300">
              {t("replaceKeys.added", { count: plan.added.length })}
            </p>
            {list(plan.added)}
          </div>
          <div data-testid="diff-removed">
            <p className="font-semibold text-red-800 dark:text-red-300">
              {t("replaceKeys.removed", { count: plan.removed.length })}
            </p>
            {list(plan.removed)}
          </div>
          <div data-testid="diff-kept">
            <p className="font-semibold">{t("replaceKeys.kept", { count: plan.kept.length })}</p>
            {list(plan.kept)}
          </div>
        </div>
      )}
      {conflict && <ConcurrentEditNotice onReload={onReload} />}
      {confirming && plan ? (
        <div
          role="alert"
          data-testid="replace-confirm"
          data-color="danger"
          className="ds-alert flex flex-col gap-3 text-sm"
        >
          <p className="font-semibold">{t("replaceKeys.confirmTitle")}</p>
          <p>
            {t("replaceKeys.confirmBody", {
              added: plan.added.length,
              removed: plan.removed.length,
            })}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
            <Button type="button" variant="danger" pending={replace.isPending} onClick={submit}>
              {t("replaceKeys.submit")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" variant="danger" disabled={!plan || !etag}>
            {t("replaceKeys.submit")}
          </Button>
        </div>
      )}
    </form>
  );
}
