import { Link, useSearch } from "@tanstack/react-router";
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import { useWatch } from "react-hook-form";
import { z } from "zod";
import {
  Form,
  FormCheckboxGroup,
  FormField,
  FormProblem,
  FormSubmit,
  useContractForm,
} from "../../../components/form/form";
import { Choice, Field, Input, Select } from "../../../components/ui/field";
import { FileInput } from "../../../components/ui/file-input";
import { ErrorAlert } from "../../../components/ui/problem";
import { Badge, Loading, Notice, PageHeader } from "../../../components/ui/status";
import { useEnv } from "../../../lib/env";
import { MAX_UPLOAD_BYTES } from "../../../lib/files";
import { recordTokenSuccess, useGeneratedKeys } from "../../../lib/generated-keys";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import { useOnChange } from "../../../lib/use-on-change";
import {
  type TokenTestResult,
  useDiagnoseGrant,
  useSendGrant,
  useTesterClients,
  useTesterJwks,
  useTokenTestInfo,
} from "../api/token-test";
import { grantChecksProblem } from "../check-fields";
import {
  type GrantAlg,
  KeyLoadError,
  type LoadedKey,
  loadPrivateKey,
  signGrant,
} from "../sign-grant";

const LOAD_PROBLEMS: Record<Exclude<KeyLoadError["problem"], "jwk">, MessageKey> = {
  pkcs1: "tokenTest.key.pkcs1",
  public: "tokenTest.key.public",
  unreadable: "tokenTest.key.unreadable",
};

/** A key file's problem: a page text, or a coded text from the rules (JWK shapes). */
type LoadProblem = MessageKey | NonNullable<KeyLoadError["coded"]>;

function Json({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <pre
      data-testid={testId}
      className="max-h-80 overflow-auto rounded bg-slate-100 p-3 font-mono text-xs break-all whitespace-pre-wrap dark:bg-slate-800"
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/**
 * The grant's parts the form checks before signing (the rules of maskinporten-rules'
 * `checkGrantInput`): a client, the kid of a key registered on it (read leniently: any
 * non-empty text, as Digdir may hold kids Portvakt would not write) and at least one scope.
 * The signed grant itself is then the body of `POST .../token-test` (`TokenTestRequest`).
 */
const GrantParts = z.object({
  clientId: z.string().min(1),
  kid: z.string().trim().min(1),
  alg: z.enum(["RS256", "RS384", "RS512"]),
  scopes: z.array(z.string().min(1)).min(1),
});
type GrantParts = z.output<typeof GrantParts>;
type GrantValues = { clientId: string; kid: string; alg: GrantAlg; scopes: string[] };
const GRANT_FIELDS = ["clientId", "kid", "alg", "scopes"] as const;
const toGrantParts = (values: GrantValues): unknown => values;

/**
 * Signs a JWT grant in the browser with a key the user holds, sends only the signed grant
 * through the BFF to the token endpoint, and shows the decoded token or the explained error.
 */
export function TokenTestPage() {
  const env = useEnv();
  const { t, tc } = useI18n();
  const search = useSearch({ from: "/$env/token-test" });
  const info = useTokenTestInfo(env.id);
  const clients = useTesterClients(env.id);
  const generated = useGeneratedKeys();
  const form = useContractForm<GrantValues, GrantParts>({
    schema: GrantParts,
    toBody: toGrantParts,
    defaultValues: {
      clientId: search.client ?? "",
      kid: search.kid ?? "",
      alg: "RS256",
      scopes: [],
    },
  });
  const clientId = useWatch({ control: form.control, name: "clientId" }) ?? "";
  const kid = useWatch({ control: form.control, name: "kid" }) ?? "";
  const alg = useWatch({ control: form.control, name: "alg" }) ?? "RS256";
  const setKid = useCallback(
    (value: string) => form.setValue("kid", value, { shouldValidate: form.formState.isSubmitted }),
    [form],
  );
  const jwks = useTesterJwks(env.id, clientId);
  const [keySource, setKeySource] = useState<"generated" | "file">("file");
  const [fileKey, setFileKey] = useState<LoadedKey | null>(null);
  const [fileName, setFileName] = useState("");
  const [loadProblem, setLoadProblem] = useState<LoadProblem | null>(null);
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);
  const [lastGrant, setLastGrant] = useState<{ assertion: string; clientId: string } | null>(null);
  const send = useSendGrant(env.id);
  const diagnose = useDiagnoseGrant(env.id);
  const scopes = useWatch({ control: form.control, name: "scopes" }) ?? [];
  // An answer is of the grant that was sent: another client, key, algorithm or scope list
  // takes it (and its checks) away, so no old success or refusal stands beside new choices.
  useOnChange(JSON.stringify([clientId, kid, alg, scopes, keySource, fileName]), () => {
    send.reset();
    diagnose.reset();
    setSignError(null);
    setLastGrant(null);
  });
  // Opened from the rotation wizard: the way back to its place (the client, the new key).
  const back: BackToRotation | null =
    search.rotation === "1" && search.client && search.kid
      ? {
          clientId: search.client,
          search: {
            rotate: "1",
            newKid: search.kid,
            oldKid: search.oldKid,
            deployed: search.deployed,
          },
        }
      : null;
  const fileInputId = useId();

  const client = clients.data?.find((c) => c.client_id === clientId);
  const clientScopes = client?.scopes ?? [];
  // A client's scopes are all picked when it is chosen (or loaded from the URL).
  const clientKey = client?.client_id ?? "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the client changes
  useEffect(() => {
    form.setValue("scopes", client?.scopes ?? []);
  }, [clientKey]);
  const generatedForClient = useMemo(
    () => generated.filter((k) => k.env === env.id && k.clientId === clientId),
    [generated, env.id, clientId],
  );
  const generatedKey = generatedForClient.find((k) => k.kid === kid) ?? generatedForClient.at(-1);

  // The key just generated is the natural choice when there is one for this client.
  useEffect(() => {
    if (generatedForClient.length > 0) setKeySource("generated");
  }, [generatedForClient.length]);
  useEffect(() => {
    if (keySource === "generated" && generatedKey && !kid) setKid(generatedKey.kid);
  }, [keySource, generatedKey, kid, setKid]);

  const onFile = async (file: File | undefined) => {
    setFileKey(null);
    setLoadProblem(null);
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_UPLOAD_BYTES) {
      setLoadProblem("tokenTest.key.unreadable");
      return;
    }
    try {
      const loaded = await loadPrivateKey(await file.text(), alg);
      setFileKey(loaded);
      if (loaded.kid) setKid(loaded.kid);
    } catch (error) {
      setLoadProblem(
        error instanceof KeyLoadError
          ? error.problem === "jwk" && error.coded
            ? error.coded
            : LOAD_PROBLEMS[error.problem === "jwk" ? "unreadable" : error.problem]
          : "tokenTest.key.unreadable",
      );
    }
  };

  // Maskinporten's refusal, diagnosed: the failed checks of the kid, the scopes and the client
  // shown on those fields too (in the page's language), beside the list of every check.
  const checksProblem = useMemo(
    () => (diagnose.data ? grantChecksProblem(diagnose.data.checks) : undefined),
    [diagnose.data],
  );

  const signingKey = keySource === "generated" ? generatedKey?.privateKey : fileKey?.key;

  // The parts are checked by the form; the key is checked here (a file is not a form value),
  // its problem shown on the file field, which gets the focus.
  const run = async (parts: GrantParts) => {
    if (!info.data?.allowed) return;
    if (!signingKey) {
      if (keySource === "file") {
        setLoadProblem(loadProblem ?? "tokenTest.key.missing");
        document.getElementById(fileInputId)?.focus();
      }
      return;
    }
    setSignError(null);
    send.reset();
    diagnose.reset();
    setSigning(true);
    let assertion: string;
    try {
      assertion = await signGrant({
        key: signingKey,
        alg: keySource === "generated" ? "RS256" : parts.alg,
        kid: parts.kid,
        issuer: info.data.issuer,
        clientId: parts.clientId,
        scopes: parts.scopes,
      });
    } catch (error) {
      setSignError(error instanceof Error ? error.message : String(error));
      setSigning(false);
      return;
    }
    setSigning(false);
    setLastGrant({ assertion, clientId: parts.clientId });
    // A refusal (403 in production, 400 for a private key) is thrown on to the form: shown once
    // beside the button, everything chosen kept.
    const result = await send.mutateAsync(assertion);
    if (result.ok) {
      recordTokenSuccess({ env: env.id, clientId: parts.clientId, kid: parts.kid, at: new Date() });
    } else {
      diagnose.mutate({ input: assertion, clientId: parts.clientId });
    }
  };

  if (info.isPending) return <Loading label={t("common.loading")} />;
  if (info.isError) return <ErrorAlert error={info.error} title={t("tokenTest.loadFailed")} />;

  return (
    <section className="flex flex-col gap-4">
      <PageHeader title={t("tokenTest.title")} description={t("tokenTest.description")} />
      {!info.data.allowed && (
        <Notice tone="danger">
          <span data-testid="token-test-refused">{t("tokenTest.prod")}</span>
        </Notice>
      )}
      <Notice tone="info">{t("tokenTest.privacy")}</Notice>
      {/* The addresses wrap anywhere: a long one made the page wider than a phone. */}
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm wrap-anywhere">
        <dt className="font-medium">{t("tokenTest.issuer")}</dt>
        <dd>
          <code className="font-mono" data-testid="token-test-issuer">
            {info.data.issuer}
          </code>
        </dd>
        <dt className="font-medium">{t("tokenTest.endpoint")}</dt>
        <dd>
          <code className="font-mono">{info.data.token_endpoint}</code>
        </dd>
      </dl>

      <Form
        form={form}
        onSubmit={run}
        fields={GRANT_FIELDS}
        idPrefix="token-test"
        serverError={checksProblem}
        className="flex max-w-3xl flex-col gap-4"
      >
        <FormField name="clientId" label={t("tokenTest.client")}>
          {(field) => (
            <Select
              {...field}
              onChange={(e) => {
                field.onChange(e);
                setKid("");
              }}
            >
              <option value="">{t("tokenTest.chooseClient")}</option>
              {(clients.data ?? [])
                .filter((c) => c.active)
                .map((c) => (
                  <option key={c.client_id} value={c.client_id}>
                    {c.client_name} ({c.client_id})
                  </option>
                ))}
            </Select>
          )}
        </FormField>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t("tokenTest.keySource")}</legend>
          <Choice
            className="text-sm"
            type="radio"
            name="key-source"
            checked={keySource === "generated"}
            disabled={generatedForClient.length === 0}
            onChange={() => setKeySource("generated")}
            label={
              <>
                {t("tokenTest.useGenerated")}
                {generatedForClient.length === 0 && (
                  <span className="text-slate-500">({t("tokenTest.noGenerated")})</span>
                )}
              </>
            }
          />
          <Choice
            className="text-sm"
            type="radio"
            name="key-source"
            checked={keySource === "file"}
            onChange={() => setKeySource("file")}
            label={t("tokenTest.useFile")}
          />
        </fieldset>

        {keySource === "file" && (
          <Field
            id={fileInputId}
            label={t("tokenTest.keyFile")}
            help={t("tokenTest.keyFileHelp")}
            error={
              loadProblem === null
                ? null
                : typeof loadProblem === "string"
                  ? t(loadProblem)
                  : tc(loadProblem)
            }
          >
            {({ id, describedBy }) => (
              <FileInput
                id={id}
                describedBy={describedBy}
                accept=".pem,.key,.json,.jwk,application/json,application/x-pem-file"
                onFiles={(files) => void onFile(files[0])}
              />
            )}
          </Field>
        )}
        {keySource === "file" && fileKey && (
          <p className="text-sm" data-testid="key-loaded">
            {t("tokenTest.keyLoaded", { name: fileName })}
          </p>
        )}

        <div className="flex flex-wrap gap-4">
          <FormField
            name="kid"
            label={t("tokenTest.kid")}
            help={t("tokenTest.kidHelp")}
            className="min-w-72 flex-1"
          >
            {(field) => (
              <>
                <Input
                  {...field}
                  list={`${field.id}-kids`}
                  spellCheck={false}
                  className="font-mono"
                />
                <datalist id={`${field.id}-kids`}>
                  {(jwks.data?.keys ?? []).map((k) => (
                    <option key={k.kid} value={k.kid} />
                  ))}
                </datalist>
              </>
            )}
          </FormField>
          <FormField name="alg" label={t("tokenTest.alg")}>
            {(field) => (
              <Select
                {...field}
                value={keySource === "generated" ? "RS256" : field.value}
                disabled={keySource === "generated"}
                onChange={(e) => {
                  field.onChange(e);
                  setFileKey(null);
                  setLoadProblem(fileName ? "tokenTest.key.reload" : null);
                }}
              >
                <option>RS256</option>
                <option>RS384</option>
                <option>RS512</option>
              </Select>
            )}
          </FormField>
        </div>

        {client && clientScopes.length === 0 && (
          <p className="text-sm">{t("tokenTest.noScopes")}</p>
        )}
        {client && clientScopes.length > 0 && (
          <FormCheckboxGroup
            name="scopes"
            legend={t("tokenTest.scopes")}
            className="flex flex-col gap-1"
            options={clientScopes.map((scope) => ({
              value: scope,
              label: <code className="font-mono">{scope}</code>,
            }))}
          />
        )}

        <FormProblem error={send.error} title={t("tokenTest.sendFailed")} />
        <div>
          <FormSubmit disabled={!info.data.allowed} pending={signing}>
            {t("tokenTest.send")}
          </FormSubmit>
        </div>
      </Form>

      {signError && (
        <Notice tone="danger">{t("tokenTest.signFailed", { detail: signError })}</Notice>
      )}
      {send.data && <TokenTestAnswer result={send.data} kid={kid} back={back} grant={lastGrant} />}
      {diagnose.data && (
        <section aria-labelledby="grant-checks" className="flex flex-col gap-2">
          <h2 id="grant-checks" className="text-lg font-semibold">
            {t("tokenTest.checks")}
          </h2>
          <ul className="flex flex-col gap-2" data-testid="grant-checks">
            {diagnose.data.checks
              .filter((c) => !c.ok)
              .map((c) => (
                <li
                  key={c.rule}
                  className="rounded border border-slate-200 p-2 text-sm dark:border-slate-700"
                >
                  <p>
                    {c.mpCode && <Badge tone="danger">{c.mpCode}</Badge>} <code>{c.rule}</code>{" "}
                    {tc({ code: c.code, params: c.params, detail: c.message })}
                  </p>
                  {c.fix && (
                    <p className="text-slate-600 dark:text-slate-400">
                      {tc({ code: c.fixCode, params: c.params, detail: c.fix })}
                    </p>
                  )}
                </li>
              ))}
          </ul>
        </section>
      )}
    </section>
  );
}

/** The rotation wizard's place on the client page (`/$env/clients/$clientId?rotate=1&…`). */
type BackToRotation = {
  clientId: string;
  search: { rotate: "1"; newKid: string; oldKid?: string; deployed?: "1" };
};

function TokenTestAnswer({
  result,
  kid,
  back,
  grant,
}: {
  result: TokenTestResult;
  kid: string;
  back: BackToRotation | null;
  grant: { assertion: string; clientId: string } | null;
}) {
  const env = useEnv();
  const { t, tc } = useI18n();
  if (result.ok) {
    return (
      <section
        aria-labelledby="token-ok"
        data-testid="token-test-result"
        data-color="success"
        className="ds-alert flex flex-col gap-2"
      >
        <h2 id="token-ok" className="text-lg font-semibold">
          {t("tokenTest.ok", { kid })}
        </h2>
        <p className="text-sm">
          {t("tokenTest.okDetail", {
            scope: result.scope ?? "—",
            seconds: result.expires_in ?? 0,
          })}
        </p>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t("tokenTest.okNote")}</p>
        {result.token && (
          <>
            <h3 className="font-medium">{t("tokenTest.header")}</h3>
            <Json value={result.token.header} />
            <h3 className="font-medium">{t("tokenTest.claims")}</h3>
            <Json value={result.token.claims} testId="token-claims" />
          </>
        )}
        {back && (
          <p>
            <Link
              to="/$env/clients/$clientId"
              params={{ env: env.id, clientId: back.clientId }}
              search={back.search}
              className="font-medium text-blue-800 underline dark:text-sky-300"
            >
              {t("tokenTest.back")}
            </Link>
          </p>
        )}
      </section>
    );
  }
  return (
    <section
      aria-labelledby="token-failed"
      data-testid="token-test-result"
      data-color="danger"
      className="ds-alert flex flex-col gap-2"
    >
      <h2 id="token-failed" className="text-lg font-semibold">
        {t("tokenTest.failed")}{" "}
        {result.mp_code && <span data-testid="mp-code">{result.mp_code}</span>}
      </h2>
      <p className="text-sm">
        <code>{result.error}</code>
        {result.error_description && <>: {result.error_description}</>}
      </p>
      {result.explanation && (
        <>
          <p className="text-sm">
            <strong>{t("tokenTest.cause")}</strong>{" "}
            {tc({
              code: result.explanation.causeCode,
              detail: result.explanation.cause,
            })}
          </p>
          <p className="text-sm">
            <strong>{t("tokenTest.fix")}</strong>{" "}
            {tc({
              code: result.explanation.fixCode,
              detail: result.explanation.fix,
            })}
          </p>
        </>
      )}
      {grant && <p className="text-xs">{t("tokenTest.seeChecks")}</p>}
    </section>
  );
}
