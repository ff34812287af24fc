import { Jwks } from "@portvakt/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  Form,
  FormField,
  FormProblem,
  FormSubmit,
  useContractForm,
} from "../../../components/form/form";
import { Button } from "../../../components/ui/button";
import { Textarea } from "../../../components/ui/field";
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

/** The form's one field: the key set as pasted (a JWKS). */
type KeySetValues = { keys: string };
const KEY_SET_FIELDS = ["keys"] as const;

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
  const [planned, setPlanned] = useState<Planned | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [conflict, setConflict] = useState(false);

  // What a submit sends is the browser's plan of the pasted set, read from a ref (the resolver
  // is made once), checked with the BFF's own body schema (`Jwks`: at most five keys, each kid
  // once, each a public RSA key).
  const plannedRef = useRef<Planned | null>(null);
  plannedRef.current = planned;
  const toBody = useCallback(
    (): unknown => ({
      keys: plannedRef.current?.ok ? plannedRef.current.plan.keys : undefined,
    }),
    [],
  );
  const form = useContractForm<KeySetValues, Jwks>({
    schema: Jwks,
    toBody,
    defaultValues: { keys: "" },
  });
  const text = form.watch("keys");

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
  // A set planned after a failed submit clears the field's error (it was checked before).
  useEffect(() => {
    if (planned && form.formState.isSubmitted) void form.trigger("keys");
  }, [planned, form]);

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

  // The first submit asks for a confirmation; the confirmation's button submits again and
  // sends. A refusal is thrown on to the form, which puts its field errors (`keys.2.kid` …) on
  // the key set's field; a 412 asks for a reload instead.
  const submit = async (body: Jwks) => {
    if (!confirming) {
      setConfirming(true);
      return;
    }
    if (!etag) return;
    setConflict(false);
    try {
      const result = await replace.mutateAsync({ keys: body.keys, etag });
      setConfirming(false);
      toast.success(({ t }) => t("replaceKeys.done", { count: result.jwks.keys.length }));
      onDone();
    } catch (error) {
      setConfirming(false);
      if (isApiProblem(error) && error.status === 412) setConflict(true);
      throw error;
    }
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
    <Form
      form={form}
      onSubmit={submit}
      fields={KEY_SET_FIELDS}
      idPrefix="replace"
      className="flex flex-col gap-4"
    >
      <p className="text-sm">{t("replaceKeys.intro")}</p>
      <FormField
        name="keys"
        label={t("replaceKeys.label")}
        liveError={
          problems.length > 0
            ? problems.map(problemText).join(" ")
            : // Nothing pasted: the contract's "expected a list" said plainly.
              !planned && form.formState.errors.keys && form.formState.errors.keys.type !== "server"
              ? t("replaceKeys.problem.empty")
              : null
        }
      >
        {(field) => (
          <Textarea
            {...field}
            rows={8}
            className="font-mono text-xs"
            spellCheck={false}
            onChange={(e) => {
              setConfirming(false);
              field.onChange(e);
            }}
          />
        )}
      </FormField>
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
      {!conflict && <FormProblem error={replace.error} title={t("replaceKeys.failed")} />}
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
            <FormSubmit variant="danger">{t("replaceKeys.submit")}</FormSubmit>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          {/* A set the browser refused cannot be sent; nothing pasted is said on the field. */}
          <FormSubmit variant="danger" disabled={problems.length > 0 || !etag}>
            {t("replaceKeys.submit")}
          </FormSubmit>
        </div>
      )}
    </Form>
  );
}
