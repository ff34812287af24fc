import { Alert } from "@digdir/designsystemet-react";
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

/** One toast: Designsystemet's Alert in the kind's colour, with a dismiss button. */
function ToastCard({ toast, onDismiss }: { toast: Toast; onDismiss: () => void }) {
  const { t } = useI18n();
  const color = toast.kind === "error" ? "danger" : toast.kind === "success" ? "success" : "info";
  return (
    <Alert
      data-testid={`toast-${toast.kind}`}
      data-color={color}
      data-size="sm"
      className="pointer-events-auto flex w-full max-w-md items-start gap-3 shadow-lg"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="font-medium">{toast.message}</p>
        {toast.error !== undefined && <ToastErrorBody error={toast.error} />}
      </div>
      <Button variant="ghost" size="sm" onClick={onDismiss} aria-label={t("common.dismiss")}>
        <span aria-hidden="true">✕</span>
      </Button>
    </Alert>
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
