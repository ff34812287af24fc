import { Alert, Heading, Tag } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { Spinner } from "./button";

/** A running load: Designsystemet's spinner beside a text saying what loads. */
export function Loading({ label }: { label: string }) {
  return (
    <div role="status" className="flex items-center gap-3 p-6 text-sm">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-[var(--ds-color-neutral-border-default)] p-8 text-center">
      <p className="font-medium">{title}</p>
      {children && (
        <div className="text-sm text-[var(--ds-color-neutral-text-subtle)]">{children}</div>
      )}
    </div>
  );
}

type Tone = "neutral" | "success" | "warning" | "danger" | "info";

/** A short state marker (active, expired, …): Designsystemet's Tag in the tone's colour. */
export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return (
    <Tag data-color={tone} data-size="sm" className="whitespace-nowrap">
      {children}
    </Tag>
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
        className="h-2 w-full overflow-hidden rounded bg-[var(--ds-color-neutral-surface-active)]"
      >
        <div
          className="h-full bg-[var(--ds-color-accent-base-default)] transition-[width]"
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
        <Heading level={1} data-size="md" className="break-words">
          {title}
        </Heading>
        {description && (
          <p className="text-sm text-[var(--ds-color-neutral-text-subtle)]">{description}</p>
        )}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

/**
 * A note about something the environment cannot do, e.g. a missing admin scope: Designsystemet's
 * Alert in the tone's colour.
 */
export function Notice({
  tone = "warning",
  children,
}: {
  tone?: "warning" | "info" | "danger";
  children: ReactNode;
}) {
  return (
    <Alert data-color={tone} data-size="sm">
      {children}
    </Alert>
  );
}
