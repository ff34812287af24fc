import { AddKeyRequest, rsaModulusBits } from "@portvakt/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  Form,
  FormField,
  FormProblem,
  FormSubmit,
  useContractForm,
} from "../../../components/form/form";
import { Button } from "../../../components/ui/button";
import { Field, Textarea } from "../../../components/ui/field";
import { FileInput } from "../../../components/ui/file-input";
import { useToast } from "../../../components/ui/toast";
import { isApiProblem } from "../../../lib/api-client";
import { useEnv } from "../../../lib/env";
import { MAX_UPLOAD_BYTES } from "../../../lib/files";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import { useAddClientKey } from "../api/change-keys";
import {
  type KeyParseResult,
  type KeyProblem,
  parseKeyFile,
  parseKeyText,
} from "../convert/key-input";
import { ConcurrentEditNotice } from "./concurrent-edit-notice";

/** The catalogue text of each reason a key is refused. */
export const PROBLEM_KEYS: Record<KeyProblem["code"], MessageKey> = {
  empty: "keys.problem.empty",
  private: "keys.problem.private",
  weak: "keys.problem.weak",
  notRsa: "keys.problem.notRsa",
  invalidJson: "keys.problem.invalidJson",
  invalidPem: "keys.problem.invalidPem",
  invalidCertificate: "keys.problem.invalidCertificate",
  multipleKeys: "keys.problem.multipleKeys",
  unknownFormat: "keys.problem.unknownFormat",
  schema: "keys.problem.schema",
};

/** The form's one field: the key as pasted (an upload fills the conversion, not the text). */
type KeyValues = { jwk: string };
const KEY_FIELDS = ["jwk"] as const;

/**
 * Adds one public key: pasted or uploaded, converted and checked in the browser, shown to the
 * user as the JWK that will be sent, then posted with the key set's version (If-Match).
 */
export function AddKeyForm({
  clientId,
  etag,
  existingKids,
  onReload,
  onDone,
}: {
  clientId: string;
  etag: string | null;
  existingKids: string[];
  onReload: () => void;
  /** Called with the new key's kid once it is registered, without one when cancelled. */
  onDone: (kid?: string) => void;
}) {
  const env = useEnv();
  const { t, tm, formatDate, formatNumber } = useI18n();
  const toast = useToast();
  const add = useAddClientKey(env.id, clientId);
  const [fileBytes, setFileBytes] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [result, setResult] = useState<KeyParseResult | null>(null);
  const [conflict, setConflict] = useState(false);

  // What a submit sends is the browser's conversion of the pasted or uploaded key, read from a
  // ref (the resolver is made once), checked with the BFF's own body schema (`AddKeyRequest`).
  const converted = useRef<KeyParseResult | null>(null);
  converted.current = result;
  const toBody = useCallback(
    (): unknown => ({ jwk: converted.current?.ok ? converted.current.jwk : undefined }),
    [],
  );
  const form = useContractForm<KeyValues, AddKeyRequest>({
    schema: AddKeyRequest,
    toBody,
    defaultValues: { jwk: "" },
  });
  const text = form.watch("jwk");

  // Conversion is async (WebCrypto); the latest input wins.
  useEffect(() => {
    let current = true;
    const run = fileBytes ? parseKeyFile(fileBytes.bytes) : text.trim() ? parseKeyText(text) : null;
    if (!run) {
      setResult(null);
      return;
    }
    void run.then((r) => {
      if (current) setResult(r);
    });
    return () => {
      current = false;
    };
  }, [text, fileBytes]);
  // A key converted after a failed submit clears the field's error (it was checked before).
  useEffect(() => {
    if (result && form.formState.isSubmitted) void form.trigger("jwk");
  }, [result, form]);

  const duplicateKid = result?.ok && existingKids.includes(result.jwk.kid);

  const onFile = async (file: File | undefined) => {
    if (!file) {
      setFileBytes(null);
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      setResult({
        ok: false,
        code: "unknownFormat",
        detail: t("file.tooLarge", { name: file.name }),
      });
      return;
    }
    form.setValue("jwk", "");
    setFileBytes({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  };

  // A refusal is thrown on to the form, which puts its field errors (`jwk.kid` for a kid the
  // client already holds, `jwk` for a sixth key) on the key field; 412 asks for a reload.
  const submit = async (body: AddKeyRequest) => {
    if (duplicateKid) return;
    setConflict(false);
    try {
      await add.mutateAsync({ jwk: body.jwk, etag });
    } catch (error) {
      if (isApiProblem(error) && error.status === 412) setConflict(true);
      throw error;
    }
    toast.success(({ t }) => t("keys.added", { kid: body.jwk.kid }));
    onDone(body.jwk.kid);
  };

  const problemText = (problem: KeyProblem) => {
    const base = t(PROBLEM_KEYS[problem.code], {
      detail:
        problem.code === "schema"
          ? tm(problem.detail ?? "")
          : // "Formatet er ukjent ." when nothing is known: the template leaves `none` out.
            problem.detail || (problem.code === "unknownFormat" ? "none" : ""),
    });
    return base;
  };

  return (
    <Form
      form={form}
      onSubmit={submit}
      fields={KEY_FIELDS}
      idPrefix="key"
      className="flex flex-col gap-4"
    >
      <FormField
        name="jwk"
        label={t("keys.pasteLabel")}
        help={t("keys.pasteHelp")}
        liveError={
          result && !result.ok
            ? problemText(result)
            : duplicateKid && result?.ok
              ? t("keys.duplicateKid", { kid: result.jwk.kid })
              : // Nothing pasted or uploaded: the contract's "expected an object" said plainly.
                !result && form.formState.errors.jwk?.type !== "server" && form.formState.errors.jwk
                ? t("keys.problem.empty")
                : null
        }
      >
        {(field) => (
          <Textarea
            {...field}
            rows={8}
            spellCheck={false}
            className="font-mono text-xs"
            placeholder={"-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----"}
            onChange={(e) => {
              setFileBytes(null);
              field.onChange(e);
            }}
          />
        )}
      </FormField>
      <Field id="key-file" label={t("keys.fileLabel")} help={t("keys.fileHelp")}>
        {({ id, describedBy }) => (
          <FileInput
            id={id}
            describedBy={describedBy}
            accept=".pem,.crt,.cer,.der,.json,.jwk,.pub,application/json,application/x-pem-file"
            onFiles={(files) => void onFile(files[0])}
          />
        )}
      </Field>

      <div aria-live="polite" data-testid="key-check">
        {result?.ok && (
          <div data-color="success" className="ds-alert flex flex-col gap-2 text-sm">
            <p className="font-semibold">
              {t("keys.ready", {
                source: t(`keys.source.${result.source}`),
                bits: formatNumber(rsaModulusBits(result.jwk.n)),
              })}
            </p>
            {result.filled.length > 0 && (
              <p>{t("keys.filled", { fields: result.filled.join(", ") })}</p>
            )}
            {result.certificate && (
              <p>
                {t("keys.certificate", {
                  subject: result.certificate.subject ?? "—",
                  date: result.certificate.notAfter ? formatDate(result.certificate.notAfter) : "—",
                })}
              </p>
            )}
            <details>
              <summary className="cursor-pointer">{t("keys.showJwk")}</summary>
              <pre
                className="mt-1 rounded bg-white p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-900 dark:bg-slate-900 dark:text-slate-100"
                data-testid="jwk-preview"
              >
                {JSON.stringify(result.jwk, null, 2)}
              </pre>
            </details>
          </div>
        )}
      </div>
      {conflict && (
        <ConcurrentEditNotice
          onReload={() => {
            setConflict(false);
            onReload();
          }}
        />
      )}
      {!conflict && <FormProblem error={add.error} title={t("keys.addFailed")} />}
      <div className="flex flex-wrap justify-end gap-2">
        <Button onClick={() => onDone()}>{t("common.cancel")}</Button>
        {/* A key the browser refused cannot be sent; nothing pasted is said on the field. */}
        <FormSubmit disabled={(result !== null && !result.ok) || Boolean(duplicateKid)}>
          {t("keys.addSubmit")}
        </FormSubmit>
      </div>
    </Form>
  );
}
