import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";

const control =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 disabled:bg-slate-100 disabled:text-slate-600 read-only:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400 dark:read-only:bg-slate-800 dark:disabled:bg-slate-800 aria-[invalid=true]:border-red-600 dark:aria-[invalid=true]:border-red-400";

type FieldIds = { id: string; describedBy: string | undefined; invalid: boolean };

/**
 * A labelled form field with help text and an error message, both tied to the control through
 * aria-describedby so screen readers read them with the label.
 */
export function Field({
  id: fixedId,
  label,
  help,
  error,
  required,
  children,
  className = "",
}: {
  /** A stable id, e.g. to focus the field after a failed submit; generated otherwise. */
  id?: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string | null;
  required?: boolean;
  children: (ids: FieldIds) => ReactNode;
  className?: string;
}) {
  const generated = useId();
  const id = fixedId ?? generated;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
        {required && (
          <span aria-hidden="true" className="text-red-700 dark:text-red-400">
            {" "}
            *
          </span>
        )}
      </label>
      {children({ id, describedBy: describedBy || undefined, invalid: Boolean(error) })}
      {help && (
        <p id={helpId} className="text-xs text-slate-600 dark:text-slate-400">
          {help}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

export function Input({ className = "", ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${control} ${className}`} {...props} />;
}

export function Select({ className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={`${control} ${className}`} {...props} />;
}

export function Textarea({
  className = "",
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={`${control} ${className}`} {...props} />;
}

/** A checkbox with its label to the right and optional help below. */
export function Checkbox({
  label,
  help,
  className = "",
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: ReactNode; help?: ReactNode }) {
  const id = useId();
  return (
    <div className={`flex items-start gap-2 ${className}`}>
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 shrink-0 accent-blue-700 dark:accent-sky-400"
        aria-describedby={help ? `${id}-help` : undefined}
        {...props}
      />
      <div className="flex flex-col">
        <label htmlFor={id} className="text-sm">
          {label}
        </label>
        {help && (
          <p id={`${id}-help`} className="text-xs text-slate-600 dark:text-slate-400">
            {help}
          </p>
        )}
      </div>
    </div>
  );
}

export function Fieldset({
  legend,
  children,
  className = "",
  disabled,
}: {
  legend: ReactNode;
  children: ReactNode;
  className?: string;
  /** Disables every field inside (e.g. a role that may not make the change). */
  disabled?: boolean;
}) {
  return (
    <fieldset
      disabled={disabled}
      className={`rounded-lg border border-slate-200 p-4 dark:border-slate-700 ${className}`}
    >
      <legend className="px-1 text-sm font-semibold">{legend}</legend>
      <div className="flex flex-col gap-4">{children}</div>
    </fieldset>
  );
}
