import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useEnv } from "../../lib/env";
import { useI18n } from "../../lib/i18n";
import { Button } from "./button";
import { Field, Input } from "./field";

/**
 * A modal on the native `<dialog>`: showModal() gives focus trapping, Escape to close and an
 * inert page behind it without a library.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  footer,
  size = "md",
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  size?: "md" | "lg";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { t } = useI18n();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal() focuses the first focusable element, the ✕; a dialog with a field starts
      // there instead, so what a person types goes in (issue 14, defect 4).
      dialog
        .querySelector<HTMLElement>(
          "[data-dialog-body] :is(input, textarea, select):not([disabled]):not([type=hidden])",
        )
        ?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className={`m-auto w-[calc(100%-1.5rem)] ${size === "lg" ? "max-w-3xl" : "max-w-lg"} rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100`}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4 dark:border-slate-700">
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            <Button
              variant="ghost"
              size="sm"
              onClick={onClose}
              aria-label={t("common.closeDialog")}
            >
              <span aria-hidden="true">✕</span>
            </Button>
          </div>
          <div className="overflow-y-auto px-5 py-4" data-dialog-body>
            {children}
          </div>
          {footer && (
            <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-700">
              {footer}
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}

/**
 * Asks before a destructive action. In prod the user must also type the name of what changes,
 * so a click in the wrong environment cannot revoke or delete anything.
 */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  children,
  confirmLabel,
  subjectName,
  pending = false,
  danger = true,
  mustTypeValue,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  /** What the action changes; typed back by the user in prod. */
  subjectName: string;
  pending?: boolean;
  danger?: boolean;
  /**
   * A value the person must type back in any environment (e.g. the client id of Portvakt's own
   * admin client), with the help shown under the field; the prod guard's name otherwise.
   */
  mustTypeValue?: { value: string; help: string };
}) {
  const env = useEnv();
  const { t } = useI18n();
  const [typed, setTyped] = useState("");
  const expected = mustTypeValue?.value ?? subjectName;
  const mustType = mustTypeValue !== undefined || env.kind === "prod";
  const matches = !mustType || typed.trim() === expected;

  useEffect(() => {
    if (!open) setTyped("");
  }, [open]);

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      footer={
        <>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            variant={danger ? "danger" : "primary"}
            disabled={!matches}
            pending={pending}
            onClick={onConfirm}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (matches && !pending) onConfirm();
        }}
      >
        <div className="text-sm">{children}</div>
        {mustType && (
          <Field
            label={t("confirm.typeName", { name: expected })}
            help={mustTypeValue?.help ?? t("confirm.prodHelp", { env: env.label })}
          >
            {({ id, describedBy }) => (
              <Input
                id={id}
                aria-describedby={describedBy}
                value={typed}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setTyped(e.target.value)}
              />
            )}
          </Field>
        )}
      </form>
    </Dialog>
  );
}
