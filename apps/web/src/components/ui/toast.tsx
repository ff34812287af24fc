import { Alert } from "@digdir/designsystemet-react";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { isApiProblem, isChangeRequested } from "../../lib/api-client";
import { type I18n, useI18n } from "../../lib/i18n";
import { NAVIGATE_EVENT } from "../../lib/router";
import { Button } from "./button";
import { ProblemDetails } from "./problem";

/**
 * What a toast says: best a function of the page's `I18n` (`({ t }) => t("key", vars)`), called
 * each time the toast is drawn, so it follows a change of the page's language while it is shown
 * (issue 14, defect 2: a text made once stayed in the language it was made in). A ready node is
 * shown as it is (for text that is not a catalogue message).
 */
export type ToastMessage = ReactNode | ((i18n: I18n) => ReactNode);

type Toast = {
  id: number;
  kind: "success" | "error" | "info";
  message: ToastMessage;
  error?: unknown;
  /** The page (path, without search) the toast speaks about. */
  page: string;
  /** Goes with the person to the next page (`ToastOptions.next`), once. */
  next: boolean;
};

/** How a success or info toast is shown. */
export type ToastOptions = {
  /**
   * The action it reports leads on to another page (a saved scope to the list, a deleted client
   * to the clients): the toast is shown on that page and goes when the person leaves it. Without
   * it, a toast goes when its own page is left.
   */
  next?: boolean;
};

type ToastApi = {
  success: (message: ToastMessage, options?: ToastOptions) => void;
  info: (message: ToastMessage, options?: ToastOptions) => void;
  /** Shows what failed with the problem's detail and the correlation id to quote to Digdir. */
  error: (message: ToastMessage, error?: unknown) => void;
};

const ToastContext = createContext<ToastApi | null>(null);
let nextId = 1;
/** How long a success or info toast stays (ms); an error stays until dismissed. */
const TOAST_MS = 6000;

/**
 * The toasts, and their one rule (brief ux20, item 2; issue 14, defect 3):
 * - A toast belongs to the page (path) it was shown on. Leaving the page, inside the app or by
 *   going back, takes its toasts away, success and error alike; a change of the page's search
 *   alone (a filter, a wizard's step) does not. A toast made with `{ next: true }` goes along to
 *   the page its action leads to, and goes when that page is left.
 * - Success and info toasts go after 6 s. An error stays until dismissed (its correlation id may
 *   be needed), a later success on the page, or leaving the page.
 * - No toast covers an action of the page: while toasts are shown, the page has room below its
 *   content as tall as they are (`--toast-room` on <html>, index.css), and scrolling to an
 *   element (focus, `scrollIntoView`) keeps it above them (`scroll-padding-bottom`).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const { t } = useI18n();
  const region = useRef<HTMLElement>(null);

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);

  // Leaving the page takes its toasts away; one sent on to the next page arrives there.
  useEffect(() => {
    const onNavigate = () => {
      const here = window.location.pathname;
      setToasts((list) => {
        const kept = list.flatMap((toast) =>
          toast.page === here ? [toast] : toast.next ? [{ ...toast, page: here, next: false }] : [],
        );
        return kept.length === list.length && kept.every((toast, i) => toast === list[i])
          ? list
          : kept;
      });
    };
    window.addEventListener("popstate", onNavigate);
    window.addEventListener(NAVIGATE_EVENT, onNavigate);
    return () => {
      window.removeEventListener("popstate", onNavigate);
      window.removeEventListener(NAVIGATE_EVENT, onNavigate);
    };
  }, []);

  // The room the toasts take at the bottom of the window, kept free below the page's content.
  const shown = toasts.length > 0;
  useLayoutEffect(() => {
    const element = region.current;
    const root = document.documentElement;
    if (!element || !shown) {
      root.style.removeProperty("--toast-room");
      return;
    }
    const measure = () => root.style.setProperty("--toast-room", `${element.offsetHeight}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--toast-room");
    };
  }, [shown]);

  const push = useCallback(
    (toast: Omit<Toast, "id" | "page" | "next">, options: ToastOptions = {}) => {
      const id = nextId++;
      const made: Toast = {
        ...toast,
        id,
        page: window.location.pathname,
        next: options.next === true,
      };
      // A later success supersedes earlier failures: their toasts would only cover the page.
      setToasts((list) => [
        ...(toast.kind === "success" ? list.filter((old) => old.kind !== "error") : list).slice(-4),
        made,
      ]);
      // Failures stay until dismissed: the correlation id may be needed.
      if (toast.kind !== "error") setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );

  const api = useMemo<ToastApi>(
    () => ({
      success: (message, options) => push({ kind: "success", message }, options),
      info: (message, options) => push({ kind: "info", message }, options),
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
        ref={region}
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
  const i18n = useI18n();
  const { t } = i18n;
  const color = toast.kind === "error" ? "danger" : toast.kind === "success" ? "success" : "info";
  return (
    <Alert
      data-testid={`toast-${toast.kind}`}
      data-color={color}
      data-size="sm"
      className="pointer-events-auto flex w-full max-w-md items-start gap-3 shadow-lg"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="font-medium">
          {typeof toast.message === "function" ? toast.message(i18n) : toast.message}
        </p>
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
