import {
  createContext,
  type FormHTMLAttributes,
  type ReactNode,
  type Ref,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import {
  type DefaultValues,
  type FieldPath,
  type FieldValues,
  FormProvider,
  get,
  type UseFormReturn,
  useController,
  useForm,
  useFormContext,
} from "react-hook-form";
import type { z } from "zod";
import { type FieldText, isApiProblem } from "../../lib/api-client";
import { useI18n } from "../../lib/i18n";
import type { MessageKey } from "../../lib/messages";
import { useRoleGate } from "../../lib/session";
import { Button, type ButtonProps } from "../ui/button";
import { Checkbox, Field } from "../ui/field";
import { ErrorAlert } from "../ui/problem";
import { RoleNotice } from "../ui/role-notice";
import { Notice } from "../ui/status";
import { codedMessage, contractResolver, formText } from "./resolver";
import { serverFieldErrors } from "./server-errors";

/**
 * A react-hook-form form whose values are checked with a schema of packages/contracts (issue
 * 14, items 9 and 11): `toBody` turns the fields as typed (strings for numbers, "" for unset)
 * into the request body, and `schema` — the BFF's own request schema, never a copy — checks it
 * (see `contractResolver`).
 *
 * Validation runs on submit, then again on every change of a field with an error; the submit
 * handler gets the parsed body (`z.output` of `schema`). `mode: "onChange"` checks every change
 * from the start (a form that answers as it is typed, e.g. the Altinn page's "try a request").
 */
export function useContractForm<Values extends FieldValues, Body>({
  schema,
  toBody,
  defaultValues,
  mode = "onSubmit",
}: {
  schema: z.ZodType<Body>;
  toBody: (values: Values) => unknown;
  defaultValues: DefaultValues<Values>;
  mode?: "onSubmit" | "onChange";
}): UseFormReturn<Values, unknown, Body> {
  const resolver = useMemo(() => contractResolver(schema, toBody), [schema, toBody]);
  return useForm<Values, unknown, Body>({
    resolver,
    defaultValues,
    mode,
    reValidateMode: "onChange",
    shouldFocusError: true,
  });
}

type FormState = {
  /** The form's field names, to place server errors on (see `serverFieldErrors`). */
  fields: readonly string[];
  idOf: (name: string) => string;
  /** The server's coded text per field, kept beside react-hook-form's `type: "server"` error. */
  serverTexts: Record<string, FieldText>;
  /** The form's `rename` of server paths (see `Form`). */
  rename?: ((path: string) => string) | undefined;
};

const FormContext = createContext<FormState | null>(null);

function useFormState(): FormState {
  const state = useContext(FormContext);
  if (!state) throw new Error("A form field must be inside <Form>");
  return state;
}

/**
 * A `<form>` on react-hook-form with Portvakt's rules: client errors on their fields, a failed
 * submit's server field errors (a problem's `errors[].field`, e.g. the 409 "scope exists" on
 * `subscope`) on theirs, focus to the first invalid field, nothing typed lost on failure.
 *
 * `onSubmit` gets the parsed body; when it throws (rejects with) an `ApiProblem`, the problem's
 * field errors are set on the form's fields and the first one is focused; the caller's mutation
 * keeps the error for `FormProblem`. Other errors are swallowed here for the same reason.
 * `fields` lists the form's field names in screen order; ids are `${idPrefix}-${name}`.
 */
export function Form<Values extends FieldValues, Body>({
  form,
  onSubmit,
  fields,
  idPrefix,
  rename,
  serverError,
  children,
  ...rest
}: {
  form: UseFormReturn<Values, unknown, Body>;
  onSubmit: (body: Body) => Promise<unknown>;
  fields: readonly FieldPath<Values>[];
  idPrefix: string;
  /** Maps a server path to the form's name for it (e.g. `description#nb` → `description-nb`). */
  rename?: (path: string) => string;
  /**
   * A refusal that did not come from a submit (e.g. a filter form's list query the BFF refused):
   * its field errors are placed on the fields as a failed submit's are, without moving the focus
   * (the person may be typing). Placed again whenever it changes.
   */
  serverError?: unknown;
  children: ReactNode;
} & Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit" | "children">) {
  const [serverTexts, setServerTexts] = useState<Record<string, FieldText>>({});
  const idOf = useCallback((name: string) => `${idPrefix}-${name}`, [idPrefix]);

  /** Sets a problem's field errors on the fields; answers the names it set, in screen order. */
  const place = (error: unknown): string[] => {
    if (!isApiProblem(error)) return [];
    const placed = serverFieldErrors(error, fields, rename);
    setServerTexts(placed.onFields);
    const names = fields.filter((name) => name in placed.onFields);
    for (const name of names) {
      form.setError(name, { type: "server", message: placed.onFields[name]?.detail });
    }
    return names;
  };
  const placeRef = useRef(place);
  placeRef.current = place;
  useEffect(() => {
    if (serverError) placeRef.current(serverError);
  }, [serverError]);

  const submit = form.handleSubmit(async (body) => {
    setServerTexts({});
    try {
      await onSubmit(body);
    } catch (error) {
      const first = place(error)[0];
      if (first) document.getElementById(idOf(first))?.focus();
    }
  });

  const state = useMemo(
    () => ({ fields, idOf, serverTexts, rename }),
    [fields, idOf, serverTexts, rename],
  );
  return (
    <FormProvider {...form}>
      <FormContext.Provider value={state}>
        <form noValidate onSubmit={submit} {...rest}>
          {children}
        </form>
      </FormContext.Provider>
    </FormProvider>
  );
}

/** The error text of a field in the page's language, or undefined; see `FormField`. */
export function useFieldError(name: string): string | undefined {
  const { t, tc, tm } = useI18n();
  const { formState } = useFormContext();
  const { serverTexts } = useFormState();
  const error = get(formState.errors, name) as
    | { type?: string; message?: string }
    | { type?: string; message?: string }[]
    | undefined;
  // An array field (`scopes`) may carry its error on an item (`scopes.2`): show the first.
  const own = Array.isArray(error) ? error.find(Boolean) : error;
  if (!own) return undefined;
  if (own.type === "server" && serverTexts[name]) return tc(serverTexts[name]);
  if (!own.message) return undefined;
  const local = formText(own.message);
  if (local) return t(local.key, local.vars);
  const coded = codedMessage(own.message);
  return coded ? tc(coded) : tm(own.message);
}

/** What a `FormField` hands its control: ids for the label, help and error, and the value. */
export type FormControlProps = {
  id: string;
  name: string;
  "aria-describedby": string | undefined;
  "aria-invalid": boolean;
  "aria-required"?: boolean;
  value: string;
  onChange: (event: { target: { value: string } } | string) => void;
  onBlur: () => void;
  ref: Ref<HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement>;
};

/**
 * One field of a `Form`, on the shared field primitive (components/ui/field): label, help,
 * required mark and the field's client or server error, all tied to the control. `children`
 * renders the control (`Input`, `Select`, `Textarea`) with the given props spread on it.
 */
export function FormField({
  name,
  label,
  help,
  required,
  id,
  className,
  liveError,
  children,
}: {
  name: string;
  label: ReactNode;
  help?: ReactNode;
  required?: boolean;
  /** A check shown while typing (before any submit), in the page's language; wins when set. */
  liveError?: string | null;
  /** Overrides `${idPrefix}-${name}` (kept ids of existing pages, e.g. `scope-description-nb`). */
  id?: string;
  className?: string;
  children: (props: FormControlProps) => ReactNode;
}) {
  const { idOf } = useFormState();
  const { field } = useController({ name });
  const error = useFieldError(name);
  return (
    <Field
      id={id ?? idOf(name)}
      label={label}
      help={help}
      required={required}
      error={liveError || error}
      className={className}
    >
      {(ids) =>
        children({
          id: ids.id,
          name: field.name,
          "aria-describedby": ids.describedBy,
          "aria-invalid": ids.invalid,
          ...(required ? { "aria-required": true } : {}),
          value: (field.value ?? "") as string,
          onChange: (event) =>
            field.onChange(typeof event === "string" ? event : event.target.value),
          onBlur: field.onBlur,
          ref: field.ref,
        })
      }
    </Field>
  );
}

/**
 * A boolean field of a `Form` as a checkbox (components/ui/field `Checkbox`), with the field's
 * client or server error under it, tied to it (`aria-invalid`, `aria-describedby`). Its id is
 * `${idPrefix}-${name}` (focused when it is the first invalid field).
 */
export function FormCheckbox({
  name,
  label,
  help,
  testId,
}: {
  name: string;
  label: ReactNode;
  help?: ReactNode;
  /** The checkbox's `data-testid`. */
  testId?: string;
}) {
  const { idOf } = useFormState();
  const { field } = useController({ name });
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <div className="flex flex-col gap-1">
      <Checkbox
        id={id}
        ref={field.ref}
        label={label}
        help={help}
        name={field.name}
        data-testid={testId}
        checked={Boolean(field.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onBlur={field.onBlur}
        onChange={(event) => field.onChange(event.target.checked)}
      />
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The submit button: busy and disabled while the submit runs, so it is not sent twice, and
 * while `pending` (work the submit started that outlives it, e.g. grants run after a
 * confirmation dialog).
 */
export function FormSubmit({ disabled, pending, ...props }: Omit<ButtonProps, "type">) {
  const { formState } = useFormContext();
  return (
    <Button
      type="submit"
      variant="primary"
      pending={formState.isSubmitting || Boolean(pending)}
      disabled={disabled}
      {...props}
    />
  );
}

/**
 * The failed submit's problem beside the submit button, shown in one place only (issue 14,
 * defect 3): a problem whose every error names a field of the form is shown on those fields
 * and not here (its detail says the same, e.g. the 409 "scope exists" on `subscope`); any other
 * problem is shown here, without the field errors the form already shows on its fields.
 */
export function FormProblem({ error, title }: { error: unknown; title: string }) {
  const { fields, rename } = useFormState();
  if (!error) return null;
  if (!isApiProblem(error)) return <ErrorAlert error={error} title={title} />;
  // Read from the problem itself (as `Form` places it), not from the form's state, which is
  // set a render later: the panel (an alert) must not flash before the fields show the errors.
  const { rest, placedPaths } = serverFieldErrors(error, fields, rename);
  if (placedPaths.length > 0 && rest.length === 0) return null;
  return <ErrorAlert error={error} title={title} shownFields={placedPaths} />;
}

/**
 * The frame of an admin's create/edit form (scopes, clients): the role notice, the missing
 * admin scope, the fields (disabled without the role or scope: issue 14, defect 8), the failed
 * submit's problem and the submit and cancel buttons. `children` are the form's fields.
 */
export function AdminForm<Values extends FieldValues, Body>({
  form,
  onSubmit,
  fields,
  idPrefix,
  label,
  what,
  missingScope,
  error,
  errorTitle,
  submitLabel,
  cancel,
  children,
}: {
  form: UseFormReturn<Values, unknown, Body>;
  onSubmit: (body: Body) => Promise<unknown>;
  fields: readonly FieldPath<Values>[];
  idPrefix: string;
  /** The form's accessible name. */
  label: string;
  /** What the admin role is needed for (the role notice's text). */
  what: MessageKey;
  /** The Maskinporten admin scope the organisation lacks for this change, if it lacks one. */
  missingScope?: string;
  error: unknown;
  errorTitle: string;
  submitLabel: ReactNode;
  /** The cancel link. */
  cancel: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const admin = useRoleGate("admin");
  const canWrite = !missingScope && admin.allowed;
  return (
    <>
      <RoleNotice needed="admin" what={what} />
      {missingScope && (
        <div className="mb-4">
          <Notice>{t("missing.scope", { scope: missingScope })}</Notice>
        </div>
      )}
      <Form
        form={form}
        onSubmit={onSubmit}
        fields={fields}
        idPrefix={idPrefix}
        className="flex flex-col gap-5"
        aria-label={label}
      >
        {/* Without the role or admin scope the fields cannot be filled; the notices say why. */}
        <fieldset
          disabled={!canWrite}
          className="m-0 min-w-0 border-0 p-0"
          data-testid="form-fields"
        >
          <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">{children}</div>
        </fieldset>
        <FormProblem error={error} title={errorTitle} />
        <div className="flex flex-wrap gap-2">
          <FormSubmit disabled={!canWrite} title={admin.reason || undefined}>
            {submitLabel}
          </FormSubmit>
          {cancel}
        </div>
      </Form>
    </>
  );
}

/**
 * A list field of a `Form` as a group of checkboxes (e.g. a scope's integration types, a token's
 * environments): one checkbox per option, the field's error under the legend, tied to the group.
 * The group's id is `${idPrefix}-${name}` (focused when it is the first invalid field).
 */
export function FormCheckboxGroup({
  name,
  legend,
  help,
  options,
  className = "flex flex-col gap-2",
}: {
  name: string;
  legend: ReactNode;
  help?: ReactNode;
  options: readonly { value: string; label: ReactNode }[];
  /** The layout of the checkboxes. */
  className?: string;
}) {
  const { idOf } = useFormState();
  const { field } = useController({ name });
  const error = useFieldError(name);
  const id = idOf(name);
  const value = (field.value ?? []) as string[];
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset className="m-0 flex min-w-0 flex-col gap-1 border-0 p-0">
      <legend className="text-sm font-medium">{legend}</legend>
      {help && (
        <p id={`${id}-help`} className="text-xs text-slate-600 dark:text-slate-400">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <div id={id} tabIndex={-1} aria-describedby={describedBy || undefined} className={className}>
        {options.map((option) => (
          <Checkbox
            key={option.value}
            label={option.label}
            checked={value.includes(option.value)}
            onBlur={field.onBlur}
            onChange={(e) =>
              field.onChange(
                e.target.checked
                  ? [...value, option.value]
                  : value.filter((other) => other !== option.value),
              )
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
