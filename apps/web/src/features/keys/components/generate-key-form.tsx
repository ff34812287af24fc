import { Kid } from "@portvakt/contracts";
import { Link } from "@tanstack/react-router";
import { useEffect, useMemo, useRef, useState } from "react";
import { z } from "zod";
import {
  Form,
  FormCheckbox,
  FormField,
  FormProblem,
  FormSubmit,
  useContractForm,
} from "../../../components/form/form";
import { formMessage } from "../../../components/form/resolver";
import { Button, buttonProps } from "../../../components/ui/button";
import { Choice, Input } from "../../../components/ui/field";
import { Notice } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { isApiProblem } from "../../../lib/api-client";
import { useEnv } from "../../../lib/env";
import { rememberGeneratedKey } from "../../../lib/generated-keys";
import { useI18n } from "../../../lib/i18n";
import { useAddClientKey } from "../api/change-keys";
import {
  downloadUrl,
  type GeneratedKey,
  generateRsaKey,
  proposeKid,
  type RsaBits,
} from "../generate/generate-key";
import { ConcurrentEditNotice } from "./concurrent-edit-notice";

/** The form's values as typed: the key size, its kid, and "I have stored the private key". */
type KeygenValues = { bits: "2048" | "3072"; kid: string; stored: boolean };
/** What a step of the form goes on with: the size as a number, the kid checked. */
type KeygenParts = { bits: RsaBits; kid: string; stored: boolean };
const KEYGEN_FIELDS = ["bits", "kid", "stored"] as const;
const asParts = (values: KeygenValues): unknown => values;

/**
 * Makes an RSA key pair in this browser, registers only its public half, and offers the private
 * half as downloads (PKCS#8 PEM and JWK). The private key is never sent.
 *
 * One form on the Form primitive in two steps. "Make the key pair" checks the kid with the
 * contracts' `Kid` (the BFF's own rule) and against the client's kids (a kid twice is refused
 * by the BFF: 409 on `jwk.kid`). "Register" then requires the private key downloaded or declared
 * stored (issue 14, defect 5: a key whose private half exists only in this tab could never be
 * used), refused on that checkbox otherwise; the BFF's refusal of the kid (another person added
 * it meanwhile) lands on the kid field, which stays shown (read-only: the key carries it).
 */
export function GenerateKeyForm({
  clientId,
  clientName,
  etag,
  existingKids,
  onReload,
  onRegistered,
  onCancel,
}: {
  clientId: string;
  clientName: string;
  etag: string | null;
  existingKids: string[];
  onReload: () => void;
  onRegistered?: (kid: string) => void;
  onCancel?: () => void;
}) {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  const add = useAddClientKey(env.id, clientId);
  const [key, setKey] = useState<GeneratedKey | null>(null);
  const [registered, setRegistered] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [urls, setUrls] = useState<{ pem: string; jwk: string } | null>(null);

  // The schema is made once (the resolver keeps it); what it checks against is read from refs.
  const known = useRef({ existingKids, registering: false });
  known.current = { existingKids, registering: key !== null };
  const schema = useMemo(
    () =>
      z
        .object({
          bits: z.enum(["2048", "3072"]).transform((bits) => Number(bits) as RsaBits),
          kid: Kid.refine((kid) => !known.current.existingKids.includes(kid), {
            error: (issue) => formMessage("keys.duplicateKid", { kid: String(issue.input) }),
          }),
          stored: z.boolean(),
        })
        .superRefine((parts, ctx) => {
          if (known.current.registering && !parts.stored) {
            ctx.addIssue({
              code: "custom",
              path: ["stored"],
              message: formMessage("keygen.storeFirst"),
            });
          }
        }),
    [],
  );
  const form = useContractForm<KeygenValues, KeygenParts>({
    schema,
    toBody: asParts,
    defaultValues: {
      bits: "2048",
      kid: proposeKid(clientName, existingKids),
      stored: false,
    },
  });

  useEffect(() => {
    if (!key) return;
    const next = {
      pem: downloadUrl(key.privatePem, "application/x-pem-file"),
      jwk: downloadUrl(JSON.stringify(key.privateJwk, null, 2), "application/json"),
    };
    setUrls(next);
    return () => {
      URL.revokeObjectURL(next.pem);
      URL.revokeObjectURL(next.jwk);
    };
  }, [key]);

  const markStored = () =>
    form.setValue("stored", true, { shouldValidate: form.formState.isSubmitted });

  // First step: the key pair, made here. Second: its public half registered; a refusal is
  // thrown on to the form (the kid's on the kid field), a 412 asks for a reload.
  const submit = async (parts: KeygenParts) => {
    if (!key) {
      setKey(await generateRsaKey(parts.bits, parts.kid));
      return;
    }
    setConflict(false);
    try {
      await add.mutateAsync({ jwk: key.publicJwk, etag });
    } catch (error) {
      if (isApiProblem(error) && error.status === 412) setConflict(true);
      throw error;
    }
    rememberGeneratedKey({
      env: env.id,
      clientId,
      kid: key.kid,
      privateKey: key.privateKey,
      createdAt: key.createdAt,
    });
    setRegistered(true);
    toast.success(({ t }) => t("keys.added", { kid: key.kid }));
    onRegistered?.(key.kid);
  };

  return (
    <Form
      form={form}
      onSubmit={submit}
      fields={KEYGEN_FIELDS}
      idPrefix="keygen"
      className="flex flex-col gap-4"
      data-testid="generate-key"
    >
      <Notice tone="info">{t("keygen.privacy")}</Notice>
      {!key && (
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">{t("keygen.size")}</legend>
          <div className="flex gap-4">
            {(["2048", "3072"] as const).map((size) => (
              <Choice
                key={size}
                className="text-sm"
                type="radio"
                value={size}
                {...form.register("bits")}
                label={t("keygen.bits", { bits: Number(size) })}
              />
            ))}
          </div>
        </fieldset>
      )}
      <FormField name="kid" label={t("keygen.kid")} help={t("keygen.kidHelp")}>
        {(field) => (
          <Input
            {...field}
            readOnly={key !== null}
            spellCheck={false}
            className="font-mono"
            onChange={(e) => field.onChange(e.target.value.trim())}
          />
        )}
      </FormField>
      {!key && (
        <div className="flex flex-wrap justify-end gap-2">
          {onCancel && <Button onClick={onCancel}>{t("common.cancel")}</Button>}
          <FormSubmit>{t("keygen.generate")}</FormSubmit>
        </div>
      )}
      {key && (
        <div className="flex flex-col gap-3">
          <p className="text-sm" data-testid="generated-kid">
            {t("keygen.generated", { bits: key.bits, kid: key.kid })}
          </p>
          <div data-color="warning" className="ds-alert flex flex-col gap-2 text-sm">
            <p className="font-semibold">{t("keygen.saveTitle")}</p>
            <p>{t("keygen.saveBody")}</p>
            {urls && (
              <div className="flex flex-wrap gap-2">
                <a
                  href={urls.pem}
                  download={`${key.kid}.pem`}
                  {...buttonProps("secondary", "sm", "max-w-full whitespace-normal!")}
                  data-testid="download-pem"
                  onClick={markStored}
                >
                  {t("keygen.downloadPem")}
                </a>
                <a
                  href={urls.jwk}
                  download={`${key.kid}.private.jwk.json`}
                  {...buttonProps("secondary", "sm", "max-w-full whitespace-normal!")}
                  data-testid="download-jwk"
                  onClick={markStored}
                >
                  {t("keygen.downloadJwk")}
                </a>
              </div>
            )}
            <FormCheckbox name="stored" label={t("keygen.stored")} testId="key-stored" />
          </div>
          <details>
            <summary className="cursor-pointer text-sm">{t("keys.showJwk")}</summary>
            <pre
              data-testid="generated-public-jwk"
              className="mt-1 rounded bg-slate-100 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-slate-800"
            >
              {JSON.stringify(key.publicJwk, null, 2)}
            </pre>
          </details>
          {conflict && (
            <ConcurrentEditNotice
              onReload={() => {
                setConflict(false);
                onReload();
              }}
            />
          )}
          {!conflict && <FormProblem error={add.error} title={t("keys.addFailed")} />}
          {registered ? (
            <Notice tone="info">
              <span data-testid="generated-registered">
                {t("keygen.registered", { kid: key.kid })}{" "}
              </span>
              <Link
                className="font-medium underline"
                to="/$env/token-test"
                params={{ env: env.id }}
                search={{ client: clientId, kid: key.kid }}
              >
                {t("keygen.testIt")}
              </Link>
            </Notice>
          ) : (
            <div className="flex flex-wrap justify-end gap-2">
              {onCancel && <Button onClick={onCancel}>{t("common.cancel")}</Button>}
              <FormSubmit>{t("keygen.register")}</FormSubmit>
            </div>
          )}
        </div>
      )}
    </Form>
  );
}
