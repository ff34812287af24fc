import { type JwkRead, MAX_KEYS_PER_CLIENT } from "@portvakt/contracts";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { Checkbox, Choice, Field, Select } from "../../../components/ui/field";
import { Badge, Notice } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { isApiProblem } from "../../../lib/api-client";
import { useEnv } from "../../../lib/env";
import { useTokenSuccesses } from "../../../lib/generated-keys";
import { useI18n } from "../../../lib/i18n";
import { useRemoveClientKey } from "../api/change-keys";
import { AddKeyForm } from "./add-key-form";
import { GenerateKeyForm } from "./generate-key-form";

/**
 * Rotation without downtime: the new key goes next to the old ones, the system switches to it,
 * a token request with the new kid proves it works, and only then is the old key removed.
 * The wizard's place lives in the address (?rotate=1&newKid=…), so the token tester can send
 * the person back to it.
 */
export function RotationWizard({
  clientId,
  clientName,
  keys,
  etag,
  onReload,
}: {
  clientId: string;
  clientName: string;
  keys: JwkRead[];
  etag: string | null;
  onReload: () => void;
}) {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  // The wizard's place: `?rotate=1&oldKid=…&newKid=…&deployed=1`, validated by the route.
  const search = useSearch({ from: "/$env/clients/$clientId" });
  const navigate = useNavigate({ from: "/$env/clients/$clientId" });
  const newKid = search.newKid ?? "";
  const successes = useTokenSuccesses();
  const remove = useRemoveClientKey(env.id, clientId);
  const deployed = search.deployed === "1";
  const oldKeys = keys.filter((k): k is JwkRead & { kid: string } => !!k.kid && k.kid !== newKid);
  const [oldKid, setOldKid] = useState(search.oldKid ?? oldKeys[0]?.kid ?? "");
  const [confirming, setConfirming] = useState(false);
  // A key made elsewhere (an HSM, a key vault) is pasted or uploaded as its public part instead.
  const [source, setSource] = useState<"generate" | "external">("generate");
  const [removedKid, setRemovedKid] = useState<string | null>(null);
  const newKeyRegistered = newKid !== "" && keys.some((k) => k.kid === newKid);
  const tested = successes.some(
    (s) => s.env === env.id && s.clientId === clientId && s.kid === newKid,
  );
  const full = keys.length >= MAX_KEYS_PER_CLIENT;
  /** The wizard's place with `patch` applied (empty values are left out of the URL). */
  const place = (patch: { newKid?: string; deployed?: "1" }) => ({
    rotate: "1" as const,
    newKid: newKid || undefined,
    oldKid: oldKid || undefined,
    deployed: deployed ? ("1" as const) : undefined,
    ...patch,
  });
  /** A wizard step: the history entry is replaced and the scroll position kept. */
  const go = (search: ReturnType<typeof place> | Record<string, never>) =>
    void navigate({ search, replace: true, resetScroll: false });

  const close = () => go({});

  // Opened (from "Rotate" or "back to rotation" in the token tester) the wizard is brought into
  // view and its heading takes the focus, so keyboard and screen-reader users start in it
  // (issue 14, defect 4): it renders below the keys table, often below the fold.
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const bring = () => section.current?.scrollIntoView({ block: "start" });
    bring();
    heading.current?.focus({ preventScroll: true });
    // What renders above it (the client's details, the keys table) may still grow after the
    // wizard mounts (e.g. back from the token tester): keep it in view while the page settles,
    // until the person scrolls or types themselves.
    // The router's scroll reset after a navigation may also come after this effect: a scroll
    // the person did not make (no wheel, touch, key or pointer yet) is undone the same way.
    const observer = new ResizeObserver(bring);
    observer.observe(document.body);
    const onScroll = () => {
      const top = section.current?.getBoundingClientRect().top ?? 0;
      if (Math.abs(top) > 4) bring();
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    const stop = () => {
      observer.disconnect();
      window.removeEventListener("scroll", onScroll);
    };
    const timer = window.setTimeout(stop, 2000);
    const events = ["wheel", "touchstart", "keydown", "pointerdown"] as const;
    for (const name of events) window.addEventListener(name, stop, { once: true });
    return () => {
      stop();
      window.clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, stop);
    };
  }, []);

  const removeOld = () => {
    const kid = oldKid;
    remove.mutate(
      { kid, etag },
      {
        onSuccess: () => {
          setConfirming(false);
          setRemovedKid(kid);
          toast.success(({ t }) => t("keys.removed", { kid }));
        },
        onError: (error) => {
          setConfirming(false);
          if (isApiProblem(error) && error.status === 412) onReload();
          toast.error(({ t }) => t("keys.removeFailed", { kid }), error);
        },
      },
    );
  };

  const step = (n: number, done: boolean, title: string) => (
    <h3 className="flex items-center gap-2 font-semibold">
      <span
        aria-hidden="true"
        className={`grid size-6 place-items-center rounded-full text-xs ${done ? "bg-emerald-700 text-white" : "bg-slate-200 dark:bg-slate-700"}`}
      >
        {done ? "✓" : n}
      </span>
      {title}
      {done && <span className="sr-only">({t("rotate.done")})</span>}
    </h3>
  );

  return (
    <section
      ref={section}
      aria-labelledby="rotate-heading"
      data-testid="rotation-wizard"
      className="mt-6 flex flex-col gap-5 rounded-xl border border-[var(--ds-color-accent-border-subtle)] bg-[var(--ds-color-neutral-surface-default)] p-5"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2
            id="rotate-heading"
            ref={heading}
            tabIndex={-1}
            className="scroll-mt-4 text-xl font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
          >
            {t("rotate.title")}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("rotate.intro")}</p>
        </div>
        <Button size="sm" variant="ghost" onClick={close}>
          {t("rotate.close")}
        </Button>
      </div>

      <div className="flex flex-col gap-2">
        {step(1, newKeyRegistered, t("rotate.step1"))}
        {newKeyRegistered ? (
          <p className="text-sm">
            {t("rotate.newKey")} <code className="font-mono">{newKid}</code>
          </p>
        ) : full ? (
          <Notice>{t("rotate.full", { max: MAX_KEYS_PER_CLIENT })}</Notice>
        ) : (
          <>
            <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              <legend className="mb-1 font-medium">{t("rotate.source")}</legend>
              {(["generate", "external"] as const).map((value) => (
                <Choice
                  key={value}
                  type="radio"
                  name="rotate-source"
                  checked={source === value}
                  onChange={() => setSource(value)}
                  label={t(
                    value === "generate" ? "rotate.sourceGenerate" : "rotate.sourceExternal",
                  )}
                />
              ))}
            </fieldset>
            {source === "generate" ? (
              <GenerateKeyForm
                clientId={clientId}
                clientName={clientName}
                etag={etag}
                existingKids={keys.flatMap((k) => k.kid ?? [])}
                onReload={onReload}
                onRegistered={(kid) => go(place({ newKid: kid }))}
              />
            ) : (
              <AddKeyForm
                clientId={clientId}
                etag={etag}
                existingKids={keys.flatMap((k) => k.kid ?? [])}
                onReload={onReload}
                onDone={(kid) => {
                  if (kid) go(place({ newKid: kid }));
                  else setSource("generate");
                }}
              />
            )}
          </>
        )}
      </div>

      <div className="flex flex-col gap-2">
        {step(2, deployed && tested, t("rotate.step2"))}
        <ul className="flex flex-col gap-2" data-testid="rotation-checklist">
          <li>
            <Checkbox
              label={t("rotate.deployed")}
              help={t("rotate.deployedHelp")}
              checked={deployed}
              disabled={!newKeyRegistered}
              onChange={(e) => go({ ...place({}), deployed: e.target.checked ? "1" : undefined })}
            />
          </li>
          <li className="flex flex-wrap items-center gap-2 text-sm">
            {tested ? (
              <Badge tone="success">{t("rotate.testedOk")}</Badge>
            ) : (
              <Badge tone="warning">{t("rotate.notTested")}</Badge>
            )}
            <span>{t("rotate.tested", { kid: newKid || "—" })}</span>
            {newKeyRegistered && (
              <Link
                className="font-medium text-blue-800 underline dark:text-sky-300"
                to="/$env/token-test"
                params={{ env: env.id }}
                search={{
                  client: clientId,
                  kid: newKid,
                  rotation: "1",
                  oldKid: oldKid || undefined,
                  deployed: deployed ? "1" : undefined,
                }}
              >
                {t("rotate.openTester")}
              </Link>
            )}
          </li>
        </ul>
      </div>

      <div className="flex flex-col gap-2">
        {step(3, removedKid !== null, t("rotate.step3"))}
        {removedKid ? (
          <Notice tone="info">
            <span data-testid="rotation-done">{t("rotate.finished", { kid: removedKid })}</span>
          </Notice>
        ) : oldKeys.length === 0 ? (
          <p className="text-sm">{t("rotate.noOld")}</p>
        ) : (
          <div className="flex flex-wrap items-end gap-3">
            <Field label={t("rotate.oldKey")} className="min-w-64">
              {({ id }) => (
                <Select id={id} value={oldKid} onChange={(e) => setOldKid(e.target.value)}>
                  {oldKeys.map((k) => (
                    <option key={k.kid} value={k.kid}>
                      {k.kid}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Button
              variant="danger"
              disabled={!newKeyRegistered || !deployed || !tested || !oldKid}
              onClick={() => setConfirming(true)}
            >
              {t("rotate.removeOld")}
            </Button>
            {(!deployed || !tested) && newKeyRegistered && (
              <p className="text-xs text-slate-600 dark:text-slate-400">{t("rotate.removeHelp")}</p>
            )}
          </div>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={removeOld}
        title={t("keys.removeTitle")}
        confirmLabel={t("keys.remove")}
        subjectName={oldKid}
        pending={remove.isPending}
      >
        <p>{t("keys.removeBody", { kid: oldKid })}</p>
      </ConfirmDialog>
    </section>
  );
}
