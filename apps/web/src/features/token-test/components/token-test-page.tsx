import { Link, useSearch } from "@tanstack/react-router";
import { useEffect, useId, useMemo, useState } from "react";
import { Button } from "../../../components/ui/button";
import { Choice, Field, Input, Select } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { Badge, Loading, Notice, PageHeader } from "../../../components/ui/status";
import { useEnv } from "../../../lib/env";
import { MAX_UPLOAD_BYTES } from "../../../lib/files";
import { recordTokenSuccess, useGeneratedKeys } from "../../../lib/generated-keys";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import {
  type TokenTestResult,
  useDiagnoseGrant,
  useSendGrant,
  useTesterClients,
  useTesterJwks,
  useTokenTestInfo,
} from "../api/token-test";
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
  const [clientId, setClientId] = useState(search.client ?? "");
  const jwks = useTesterJwks(env.id, clientId);
  const [kid, setKid] = useState(search.kid ?? "");
  const [alg, setAlg] = useState<GrantAlg>("RS256");
  const [keySource, setKeySource] = useState<"generated" | "file">("file");
  const [fileKey, setFileKey] = useState<LoadedKey | null>(null);
  const [fileName, setFileName] = useState("");
  const [loadProblem, setLoadProblem] = useState<LoadProblem | null>(null);
  const [scopes, setScopes] = useState<string[] | null>(null);
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);
  const [lastGrant, setLastGrant] = useState<{ assertion: string; clientId: string } | null>(null);
  const send = useSendGrant(env.id);
  const diagnose = useDiagnoseGrant(env.id);
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
  const chosenScopes = scopes ?? clientScopes;
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
  }, [keySource, generatedKey, kid]);

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

  const signingKey = keySource === "generated" ? generatedKey?.privateKey : fileKey?.key;
  const ready =
    info.data?.allowed && client && signingKey && kid.trim() !== "" && chosenScopes.length > 0;

  const run = async () => {
    if (!ready || !info.data || !signingKey) return;
    setSignError(null);
    send.reset();
    diagnose.reset();
    setSigning(true);
    let assertion: string;
    try {
      assertion = await signGrant({
        key: signingKey,
        alg: keySource === "generated" ? "RS256" : alg,
        kid: kid.trim(),
        issuer: info.data.issuer,
        clientId,
        scopes: chosenScopes,
      });
    } catch (error) {
      setSignError(error instanceof Error ? error.message : String(error));
      setSigning(false);
      return;
    }
    setSigning(false);
    setLastGrant({ assertion, clientId });
    send.mutate(assertion, {
      onSuccess: (result) => {
        if (result.ok) {
          recordTokenSuccess({ env: env.id, clientId, kid: kid.trim(), at: new Date() });
        } else {
          diagnose.mutate({ input: assertion, clientId });
        }
      },
    });
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
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
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

      <form
        className="flex max-w-3xl flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <Field label={t("tokenTest.client")}>
          {({ id }) => (
            <Select
              id={id}
              value={clientId}
              onChange={(e) => {
                setClientId(e.target.value);
                setScopes(null);
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
        </Field>

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
              <input
                id={id}
                type="file"
                accept=".pem,.key,.json,.jwk,application/json,application/x-pem-file"
                aria-describedby={describedBy}
                className="text-sm"
                onChange={(e) => void onFile(e.target.files?.[0])}
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
          <Field
            label={t("tokenTest.kid")}
            help={t("tokenTest.kidHelp")}
            className="min-w-72 flex-1"
          >
            {({ id, describedBy }) => (
              <>
                <Input
                  id={id}
                  aria-describedby={describedBy}
                  value={kid}
                  list={`${id}-kids`}
                  spellCheck={false}
                  className="font-mono"
                  onChange={(e) => setKid(e.target.value)}
                />
                <datalist id={`${id}-kids`}>
                  {(jwks.data?.keys ?? []).map((k) => (
                    <option key={k.kid} value={k.kid} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field label={t("tokenTest.alg")}>
            {({ id }) => (
              <Select
                id={id}
                value={keySource === "generated" ? "RS256" : alg}
                disabled={keySource === "generated"}
                onChange={(e) => {
                  setAlg(e.target.value as GrantAlg);
                  setFileKey(null);
                  setLoadProblem(fileName ? "tokenTest.key.reload" : null);
                }}
              >
                <option>RS256</option>
                <option>RS384</option>
                <option>RS512</option>
              </Select>
            )}
          </Field>
        </div>

        {client && (
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-medium">{t("tokenTest.scopes")}</legend>
            {clientScopes.length === 0 && <p className="text-sm">{t("tokenTest.noScopes")}</p>}
            {clientScopes.map((scope) => (
              <Choice
                key={scope}
                className="text-sm"
                type="checkbox"
                checked={chosenScopes.includes(scope)}
                onChange={(e) =>
                  setScopes(
                    e.target.checked
                      ? [...chosenScopes, scope]
                      : chosenScopes.filter((s) => s !== scope),
                  )
                }
                label={<code className="font-mono">{scope}</code>}
              />
            ))}
          </fieldset>
        )}

        <div>
          <Button
            type="submit"
            variant="primary"
            disabled={!ready}
            pending={signing || send.isPending}
          >
            {t("tokenTest.send")}
          </Button>
        </div>
      </form>

      {signError && (
        <Notice tone="danger">{t("tokenTest.signFailed", { detail: signError })}</Notice>
      )}
      {send.isError && <ErrorAlert error={send.error} title={t("tokenTest.sendFailed")} />}
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
