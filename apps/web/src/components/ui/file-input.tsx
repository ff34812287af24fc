import { type ChangeEvent, useId, useState } from "react";
import { useI18n } from "../../lib/i18n";
import { buttonProps } from "./button";

/**
 * A file input in the page's language. Chromium draws its own "Choose File" / "No file chosen" in
 * English on every page; here the button (Designsystemet's secondary) and the file name beside it
 * come from the catalogue (`file.choose`, `file.none`, `file.chosen`: nb, nn and en).
 *
 * The native input stays the control: it is labelled by its field's `<label for={id}>`, is in the
 * tab order, opens with Enter, Space or a click, and lies transparent over the drawn button and
 * name (which are `aria-hidden`; the name is also its description, read by screen readers). Its
 * keyboard focus ring is drawn on the button (`.file-input` in index.css).
 *
 * `onFiles` gets the files chosen (an empty list when the choice was cancelled); the input is
 * emptied after each choice, so choosing the same file again is a new choice. `describedBy`: the
 * field's help and error ids (`Field`'s render argument).
 */
export function FileInput({
  id,
  describedBy,
  accept,
  multiple = false,
  disabled = false,
  onFiles,
  testId,
}: {
  id: string;
  describedBy?: string | undefined;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const nameId = useId();
  const [names, setNames] = useState<string[]>([]);
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    if (files.length > 0) setNames(files.map((file) => file.name));
    event.target.value = "";
    onFiles(files);
  };
  const button = buttonProps("secondary", "sm", "pointer-events-none shrink-0");
  return (
    <div className="file-input relative flex max-w-full min-w-0 items-center gap-3">
      <input
        id={id}
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        aria-describedby={[describedBy, nameId].filter(Boolean).join(" ")}
        data-testid={testId}
        onChange={onChange}
        className="absolute inset-0 size-full cursor-pointer opacity-0 disabled:cursor-not-allowed"
      />
      <span aria-hidden="true" {...button}>
        <span aria-hidden="true">⤒</span>
        {multiple ? t("file.chooseMany") : t("file.choose")}
      </span>
      <span id={nameId} aria-hidden="true" className="pointer-events-none min-w-0 truncate text-sm">
        {names.length > 0 ? t("file.chosen", { names: names.join(", ") }) : t("file.none")}
      </span>
    </div>
  );
}
