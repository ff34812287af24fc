import { Kid } from "@portvakt/contracts";
import { Link } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { Button, buttonProps } from "../../../components/ui/button";
import { Choice, Field, Input } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
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

/**
 * Makes an RSA key pair in this browser, registers only its public half, and offers the private
 * half as downloads (PKCS#8 PEM and JWK). The private key is never sent.
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
  const [bits, setBits] = useState<RsaBits>(2048);
  const [kid, setKid] = useState(() => proposeKid(clientName, existingKids));
  const [generating, setGenerating] = useState(false);
  const [key, setKey] = useState<GeneratedKey | null>(null);
  const [registered, setRegistered] = useState(false);
  // The private key exists only in this tab: it must be downloaded (or declared stored) before
  // its public half is registered, or the new key could never be used (issue 14, defect 5).
  const [stored, setStored] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [urls, setUrls] = useState<{ pem: string; jwk: string } | null>(null);

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

  const kidProblem = Kid.safeParse(kid).success
    ? existingKids.includes(kid)
      ? t("keys.duplicateKid", { kid })
      : null
    : t("keygen.kidInvalid");

  const generate = async () => {
    setGenerating(true);
    try {
      setKey(await generateRsaKey(bits, kid));
    } finally {
      setGenerating(false);
    }
  };

  const register = () => {
    if (!key) return;
    setConflict(false);
    add.mutate(
      { jwk: key.publicJwk, etag },
      {
        onSuccess: () => {
          rememberGeneratedKey({
            env: env.id,
            clientId,
            kid: key.kid,
            privateKey: key.privateKey,
            createdAt: key.createdAt,
          });
          setRegistered(true);
          toast.success(t("keys.added", { kid: key.kid }));
          onRegistered?.(key.kid);
        },
        onError: (error) => {
          if (isApiProblem(error) && error.status === 412) setConflict(true);
        },
      },
    );
  };

  return (
    <div className="flex flex-col gap-4" data-testid="generate-key">
      <Notice tone="info">{t("keygen.privacy")}</Notice>
      {!key && (
        <>
          <fieldset className="flex flex-col gap-1">
            <legend className="text-sm font-medium">{t("keygen.size")}</legend>
            <div className="flex gap-4">
              {([2048, 3072] as const).map((size) => (
                <Choice
                  key={size}
                  className="text-sm"
                  type="radio"
                  name="keygen-bits"
                  value={size}
                  checked={bits === size}
                  onChange={() => setBits(size)}
                  label={t("keygen.bits", { bits: size })}
                />
              ))}
            </div>
          </fieldset>
          <Field label={t("keygen.kid")} help={t("keygen.kidHelp")} error={kidProblem}>
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                value={kid}
                spellCheck={false}
                className="font-mono"
                onChange={(e) => setKid(e.target.value.trim())}
              />
            )}
          </Field>
          <div className="flex flex-wrap justify-end gap-2">
            {onCancel && <Button onClick={onCancel}>{t("common.cancel")}</Button>}
            <Button
              variant="primary"
              pending={generating}
              disabled={Boolean(kidProblem)}
              onClick={() => void generate()}
            >
              {t("keygen.generate")}
            </Button>
          </div>
        </>
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
                  {...buttonProps("secondary", "sm")}
                  data-testid="download-pem"
                  onClick={() => setStored(true)}
                >
                  {t("keygen.downloadPem")}
                </a>
                <a
                  href={urls.jwk}
                  download={`${key.kid}.private.jwk.json`}
                  {...buttonProps("secondary", "sm")}
                  data-testid="download-jwk"
                  onClick={() => setStored(true)}
                >
                  {t("keygen.downloadJwk")}
                </a>
              </div>
            )}
            <Choice
              type="checkbox"
              checked={stored}
              onChange={(e) => setStored(e.target.checked)}
              data-testid="key-stored"
              label={t("keygen.stored")}
            />
          </div>
          <details>
            <summary className="cursor-pointer text-sm">{t("keys.showJwk")}</summary>
            <pre
              data-testid="generated-public-jwk"
              className="mt-1 max-h-48 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-slate-800"
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
          {add.isError && !conflict && <ErrorAlert error={add.error} title={t("keys.addFailed")} />}
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
              {!stored && (
                <p className="w-full text-sm" id="keygen-store-first">
                  {t("keygen.storeFirst")}
                </p>
              )}
              {onCancel && <Button onClick={onCancel}>{t("common.cancel")}</Button>}
              <Button
                variant="primary"
                pending={add.isPending}
                onClick={register}
                disabled={!stored}
                aria-describedby={stored ? undefined : "keygen-store-first"}
              >
                {t("keygen.register")}
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
