import {
  Fieldset as DsFieldset,
  Input as DsInput,
  Label as DsLabel,
  Select as DsSelect,
  Textarea as DsTextarea,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import type {
  ComponentProps,
  InputHTMLAttributes,
  ReactNode,
  Ref,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";
import { useId } from "react";

type DsInputProps = ComponentProps<typeof DsInput>;

type FieldIds = { id: string; describedBy: string | undefined; invalid: boolean };

/**
 * A labelled form field on Designsystemet's Field, Label, description and ValidationMessage.
 * Help and error are tied to the control through aria-describedby (the ids are passed to the
 * render function), so screen readers read them with the label. The wrapper is a plain element
 * with Designsystemet's `ds-field` class, not its `<ds-field>` custom element: the wiring above
 * is explicit, the custom element would re-point labels in a field holding more than one
 * control, and its web components would weigh on every page's first load.
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
    <div className={`ds-field flex flex-col ${className}`}>
      <DsLabel htmlFor={id}>
        {label}
        {required && (
          <span aria-hidden="true" className="text-[var(--ds-color-danger-text-subtle)]">
            {" "}
            *
          </span>
        )}
      </DsLabel>
      {help && (
        <div data-field="description" id={helpId} className="text-sm">
          {help}
        </div>
      )}
      {children({ id, describedBy: describedBy || undefined, invalid: Boolean(error) })}
      {error && <ValidationMessage id={errorId}>{error}</ValidationMessage>}
    </div>
  );
}

/** Designsystemet's text input (any `type`); `aria-invalid` draws it in the danger colour. */
export function Input({ className = "", ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <DsInput className={className} {...(props as DsInputProps)} />;
}

/** Designsystemet's select. */
export function Select({ className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <DsSelect className={className} {...props} />;
}

/** Designsystemet's textarea. */
export function Textarea({
  className = "",
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <DsTextarea className={className} {...props} />;
}

/**
 * Designsystemet's checkbox (its Input, Label and description in a `ds-field`) with the label to
 * the right and optional help below. Composed here rather than its Checkbox component, which
 * needs the `<ds-field>` web component to tie the label to the box.
 */
export function Checkbox({
  label,
  help,
  className = "",
  id: fixedId,
  "aria-describedby": describedBy,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "size"> & {
  label: ReactNode;
  help?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}) {
  const generated = useId();
  const id = fixedId ?? generated;
  // The help, then what the caller names (e.g. the field's error).
  const described = [help ? `${id}-help` : null, describedBy].filter(Boolean).join(" ");
  return (
    <div className={`ds-field ${className}`} data-position="start">
      <DsInput
        {...(props as DsInputProps)}
        id={id}
        type="checkbox"
        aria-describedby={described || undefined}
      />
      <DsLabel htmlFor={id} weight="regular">
        {label}
      </DsLabel>
      {help && (
        <div data-field="description" id={`${id}-help`}>
          {help}
        </div>
      )}
    </div>
  );
}

/** Designsystemet's fieldset with a legend; `disabled` disables every field inside. */
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
    <DsFieldset
      disabled={disabled}
      className={`rounded-lg border border-[var(--ds-color-neutral-border-subtle)] p-4 ${className}`}
    >
      <legend className="ds-label px-1">{legend}</legend>
      <div className="flex flex-col gap-4">{children}</div>
    </DsFieldset>
  );
}

/**
 * A radio button or checkbox on Designsystemet's input with its label to the right, for choices
 * laid out in a row or a list (a fieldset's legend names the group). `label` may hold markup.
 */
export function Choice({
  label,
  className = "",
  id: fixedId,
  type,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "size" | "type"> & {
  type: "radio" | "checkbox";
  label: ReactNode;
}) {
  const generated = useId();
  const id = fixedId ?? generated;
  return (
    <div className={`ds-field flex items-center gap-2 ${className}`} data-position="start">
      <input {...props} id={id} type={type} className="ds-input" />
      <label htmlFor={id} className="ds-label" data-weight="regular">
        {label}
      </label>
    </div>
  );
}
