import type { ReactNode } from "react";
import { Spinner } from "./button";

export function Loading({ label }: { label: string }) {
  return (
    <div
      role="status"
      className="flex items-center gap-3 p-6 text-sm text-slate-600 dark:text-slate-300"
    >
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
      <p className="font-medium">{title}</p>
      {children && <div className="text-sm text-slate-600 dark:text-slate-400">{children}</div>}
    </div>
  );
}

type Tone = "neutral" | "success" | "warning" | "danger" | "info";
const tones: Record<Tone, string> = {
  neutral: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  success: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  warning: "bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-50",
  danger: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-50",
  info: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-50",
};

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max === 0 ? 100 : Math.round((value / max) * 100);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex justify-between text-xs">
        <span>{label}</span>
        <span>{percent} %</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-700"
      >
        <div
          className="h-full bg-blue-700 transition-[width] dark:bg-sky-400"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  // The tab title comes from the route (apps/web/src/app/routes.tsx, PageTitle).
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div className="flex min-w-0 flex-col gap-1">
        <h1 className="text-2xl font-semibold break-words">{title}</h1>
        {description && <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

/** A note about something the environment cannot do, e.g. a missing admin scope. */
export function Notice({
  tone = "warning",
  children,
}: {
  tone?: "warning" | "info" | "danger";
  children: ReactNode;
}) {
  const styles = {
    warning:
      "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50",
    info: "border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950/60 dark:text-sky-50",
    danger:
      "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50",
  };
  return <div className={`rounded-lg border p-3 text-sm ${styles[tone]}`}>{children}</div>;
}
