import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";
import { isApiProblem, isChangeRequested } from "../../lib/api-client";
import { useI18n } from "../../lib/i18n";
import { NAVIGATE_EVENT } from "../../lib/router";
import { Button } from "./button";
import { ProblemDetails } from "./problem";

type Toast = {
  id: number;
  kind: "success" | "error" | "info";
  message: ReactNode;
  error?: unknown;
};

type ToastApi = {
  success: (message: ReactNode) => void;
  info: (message: ReactNode) => void;
  /** Shows what failed with the problem's detail and the correlation id to quote to Digdir. */
  error: (message: ReactNode, error?: unknown) => void;
};

const ToastContext = createContext<ToastApi | null>(null);
let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const { t } = useI18n();

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);

  // An error is about the page it happened on: leaving the page takes its errors away.
  useEffect(() => {
    const clearErrors = () => setToasts((list) => list.filter((toast) => toast.kind !== "error"));
    window.addEventListener("popstate", clearErrors);
    window.addEventListener(NAVIGATE_EVENT, clearErrors);
    return () => {
      window.removeEventListener("popstate", clearErrors);
      window.removeEventListener(NAVIGATE_EVENT, clearErrors);
    };
  }, []);

  const push = useCallback(
    (toast: Omit<Toast, "id">) => {
      const id = nextId++;
      // A later success supersedes earlier failures: their toasts would only cover the page.
      setToasts((list) => [
        ...(toast.kind === "success" ? list.filter((old) => old.kind !== "error") : list).slice(-4),
        { ...toast, id },
      ]);
      // Failures stay until dismissed: the correlation id may be needed.
      if (toast.kind !== "error") setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );

  const api = useMemo<ToastApi>(
    () => ({
      success: (message) => push({ kind: "success", message }),
      info: (message) => push({ kind: "info", message }),
      // A change stored as a change request is no failure: the shell's notice says so.
      error: (message, error) => {
        if (!isChangeRequested(error)) push({ kind: "error", message, error });
      },
    }),
    [push],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section
        aria-label={t("toast.region")}
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-3 sm:items-end"
      >
        <div
          role="status"
          aria-live="polite"
          className="flex w-full flex-col items-center gap-2 sm:items-end"
        >
          {toasts
            .filter((toast) => toast.kind !== "error")
            .map((toast) => (
              <ToastCard key={toast.id} toast={toast} onDismiss={() => dismiss(toast.id)} />
            ))}
        </div>
        <div
          role="alert"
          aria-live="assertive"
          className="flex w-full flex-col items-center gap-2 sm:items-end"
        >
          {toasts
            .filter((toast) => toast.kind === "error")
            .map((toast) => (
              <ToastCard key={toast.id} toast={toast} onDismiss={() => dismiss(toast.id)} />
            ))}
        </div>
      </section>
    </ToastContext.Provider>
  );
}

function ToastCard({ toast, onDismiss }: { toast: Toast; onDismiss: () => void }) {
  const { t } = useI18n();
  const tone =
    toast.kind === "error"
      ? "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50"
      : toast.kind === "success"
        ? "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50"
        : "border-slate-300 bg-white text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-50";
  return (
    <div
      data-testid={`toast-${toast.kind}`}
      className={`pointer-events-auto flex w-full max-w-md items-start gap-3 rounded-lg border p-3 text-sm shadow-lg ${tone}`}
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="font-medium">{toast.message}</p>
        {toast.error !== undefined && <ToastErrorBody error={toast.error} />}
      </div>
      <Button variant="ghost" size="sm" onClick={onDismiss} aria-label={t("common.dismiss")}>
        <span aria-hidden="true">✕</span>
      </Button>
    </div>
  );
}

function ToastErrorBody({ error }: { error: unknown }) {
  if (isApiProblem(error)) return <ProblemDetails problem={error} compact />;
  if (error instanceof Error) return <p>{error.message}</p>;
  return null;
}

export function useToast(): ToastApi {
  const value = useContext(ToastContext);
  if (!value) throw new Error("useToast outside ToastProvider");
  return value;
}
