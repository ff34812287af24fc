import { type RefObject, useState } from "react";
import { Button } from "../../../components/ui/button";
import { Field } from "../../../components/ui/field";
import { FileInput } from "../../../components/ui/file-input";
import { downloadText, readTextFile } from "../../../lib/files";
import { useI18n } from "../../../lib/i18n";
import { type LoadedTexts, parseTextResourceFile } from "./metadata-text";

// The field primitive's look; a plain textarea because the page selects text in it by ref.
const editorClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs leading-5 text-slate-900 placeholder:text-slate-500 selection:bg-amber-300 selection:text-slate-950 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400";

/** The file being worked on: a plain textarea (the user's formatting is kept as typed). */
export function MetadataEditor({
  text,
  onTextChange,
  editorRef,
  texts,
  onTextsChange,
}: {
  text: string;
  onTextChange: (text: string) => void;
  editorRef: RefObject<HTMLTextAreaElement | null>;
  texts: LoadedTexts[];
  onTextsChange: (texts: LoadedTexts[]) => void;
}) {
  const { t } = useI18n();
  const [fileError, setFileError] = useState<string | null>(null);
  const [textsErrors, setTextsErrors] = useState<string[]>([]);

  const onMetadataFile = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    const content = await readTextFile(file);
    if (content === null) setFileError(t("file.tooLarge", { name: file.name }));
    else onTextChange(content);
  };

  const onTextFiles = async (files: readonly File[]) => {
    const errors: string[] = [];
    let next = [...texts];
    for (const file of files) {
      const content = await readTextFile(file);
      if (content === null) {
        errors.push(t("file.tooLarge", { name: file.name }));
        continue;
      }
      const parsed = parseTextResourceFile(file.name, content);
      if (!parsed.ok) {
        errors.push(t(parsed.problem.key, { file: file.name, ...parsed.problem.vars }));
        continue;
      }
      // One file per language, as in App/config/texts.
      next = [...next.filter((x) => x.language !== parsed.texts.language), parsed.texts];
    }
    setTextsErrors(errors);
    onTextsChange(next);
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <Field label={t("altinn.editor.file")} error={fileError}>
          {({ id, describedBy }) => (
            <FileInput
              id={id}
              describedBy={describedBy}
              accept=".json,application/json"
              testId="metadata-file"
              onFiles={(files) => void onMetadataFile(files[0])}
            />
          )}
        </Field>
        <Button
          disabled={!text.trim()}
          onClick={() => downloadText("applicationmetadata.json", text)}
        >
          <span aria-hidden="true">⤓</span>
          {t("altinn.editor.download")}
        </Button>
      </div>
      <Field id="altinn-metadata" label={t("altinn.editor.label")} help={t("altinn.editor.help")}>
        {({ id, describedBy }) => (
          <textarea
            id={id}
            ref={editorRef}
            aria-describedby={describedBy}
            value={text}
            rows={22}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            wrap="off"
            placeholder={t("altinn.editor.empty")}
            className={editorClass}
            onChange={(e) => onTextChange(e.target.value)}
          />
        )}
      </Field>
      <Field label={t("altinn.texts.label")} help={t("altinn.texts.help")}>
        {({ id, describedBy }) => (
          <FileInput
            id={id}
            describedBy={describedBy}
            multiple
            accept=".json,application/json"
            onFiles={(files) => void onTextFiles(files)}
          />
        )}
      </Field>
      {textsErrors.length > 0 && (
        <ul role="alert" className="text-sm text-red-700 dark:text-red-400">
          {textsErrors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      {texts.length > 0 && (
        <ul className="flex flex-wrap gap-2 text-sm" data-testid="text-resources">
          {texts.map((x) => (
            <li
              key={x.language}
              className="flex items-center gap-1 rounded-md border border-slate-300 py-0.5 pr-0.5 pl-2 dark:border-slate-600"
            >
              {t("altinn.texts.loaded", {
                file: x.fileName,
                language: x.language,
                count: x.file.resources.length,
              })}
              <Button
                size="sm"
                variant="ghost"
                className="h-6 px-1.5"
                aria-label={t("altinn.texts.remove", { file: x.fileName })}
                onClick={() => onTextsChange(texts.filter((y) => y !== x))}
              >
                <span aria-hidden="true">✕</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
