import {
  Button as DsButton,
  type ButtonProps as DsButtonProps,
  Spinner as DsSpinner,
} from "@digdir/designsystemet-react";
import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost" | "danger-ghost";
type Size = "sm" | "md";

/**
 * Designsystemet's button attributes for one of Portvakt's variants: primary and secondary are
 * Designsystemet's own, danger is a primary button in the danger colour, ghost is its tertiary,
 * danger-ghost the tertiary in the danger colour (a table row's remove/revoke: Designsystemet's
 * own text and hover colours, which keep their contrast in both themes; red text laid on the
 * neutral tertiary's hover background did not in the dark one, issue 14 defect 3's screenshots).
 * `sm` is Designsystemet's small size; `md` follows the page (data-size on <html>).
 */
export function buttonProps(
  variant: Variant = "secondary",
  size: Size = "md",
  extra = "",
): {
  className: string;
  "data-variant": "primary" | "secondary" | "tertiary";
  "data-color"?: "danger" | "neutral";
  "data-size"?: "sm";
} {
  return {
    className: `ds-button whitespace-nowrap ${extra}`.trim(),
    "data-variant":
      variant === "ghost" || variant === "danger-ghost"
        ? "tertiary"
        : variant === "danger"
          ? "primary"
          : variant,
    ...(variant === "danger" || variant === "danger-ghost"
      ? { "data-color": "danger" as const }
      : {}),
    ...(size === "sm" ? { "data-size": "sm" as const } : {}),
  };
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  size?: Size;
  /** Shows a spinner and marks the button busy while a call runs. */
  pending?: boolean;
};

/** Designsystemet's Button with Portvakt's variants and a busy state for running calls. */
export function Button({
  variant = "secondary",
  size = "md",
  pending = false,
  className = "",
  type = "button",
  disabled,
  children,
  ...rest
}: ButtonProps) {
  const { className: dsClass, ...data } = buttonProps(variant, size, className);
  return (
    <DsButton
      {...(data as Partial<DsButtonProps>)}
      {...rest}
      type={type}
      className={dsClass.replace(/^ds-button\s*/, "")}
      disabled={disabled || pending}
      loading={pending}
    >
      {children}
    </DsButton>
  );
}

/** Designsystemet's spinner, decorative (the text beside it says what runs). */
export function Spinner({ className = "" }: { className?: string }) {
  return <DsSpinner aria-hidden="true" data-size="sm" className={className} />;
}
