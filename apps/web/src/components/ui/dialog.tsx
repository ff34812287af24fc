import { DialogBlock, Dialog as DsDialog, Heading } from "@digdir/designsystemet-react";
import { type ReactNode, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useEnv } from "../../lib/env";
import { useI18n } from "../../lib/i18n";
import { Button } from "./button";
import { Field, Input } from "./field";

/**
 * A modal on Designsystemet's Dialog (the native `<dialog>` with showModal(): focus trapping,
 * Escape to close and an inert page behind it). Title, body and footer are its blocks; the body
 * scrolls and the footer's buttons stay in view. A dialog with a field starts with focus on its
 * first field, so what a person types goes in (issue 14, defect 4).
 *
 * `open` is the only truth: the parent opens and closes the dialog through it, and a close the
 * browser makes itself (Escape, and any other native close) is reported through `onClose` at once,
 * in the same task, by watching the element's `open` attribute. The `close` event is not used:
 * Chromium dispatches it later (with the next animation frame), so under load a person could press
 * the opener again before it arrived; the parent's state still said "open", the press changed
 * nothing, and the late event then closed the state for good (the dialog never reopened). A parent
 * that keeps `open` true after `onClose` (a dialog that must not be dismissed) gets it shown again.
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
  const openRef = useRef(open);
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    openRef.current = open;
    onCloseRef.current = onClose;
  });

  // A native close while the parent still says "open" is the person's: tell the parent now
  // (flushSync, so the state is closed before the browser handles the next key or click).
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const observer = new MutationObserver(() => {
      if (dialog.open || !openRef.current) return;
      flushSync(() => onCloseRef.current());
      if (openRef.current && dialog.isConnected && !dialog.open) dialog.showModal();
    });
    observer.observe(dialog, { attributes: true, attributeFilter: ["open"] });
    return () => observer.disconnect();
  }, []);

  // Runs after Designsystemet's own effect has called showModal() (a child's effects run first).
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    // showModal() focuses the first focusable element, the ✕; a dialog with a field starts
    // there instead.
    dialog
      .querySelector<HTMLElement>(
        "[data-dialog-body] :is(input, textarea, select):not([disabled]):not([type=hidden])",
      )
      ?.focus();
  }, [open]);

  return (
    <DsDialog
      ref={ref}
      open={open}
      aria-labelledby={titleId}
      closeButton={false}
      className={`w-[calc(100%-1.5rem)] open:flex open:flex-col ${size === "lg" ? "max-w-3xl" : "max-w-lg"}`}
      style={{ maxHeight: "85vh" }}
    >
      {open && (
        <>
          <DialogBlock className="flex items-start justify-between gap-4 py-4">
            <Heading id={titleId} level={2} data-size="xs">
              {title}
            </Heading>
            <Button
              variant="ghost"
              size="sm"
              onClick={onClose}
              aria-label={t("common.closeDialog")}
            >
              <span aria-hidden="true">✕</span>
            </Button>
          </DialogBlock>
          <DialogBlock className="min-h-0 overflow-y-auto py-4" data-dialog-body>
            {children}
          </DialogBlock>
          {footer && (
            <DialogBlock className="flex flex-wrap justify-end gap-2 py-3">{footer}</DialogBlock>
          )}
        </>
      )}
    </DsDialog>
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
