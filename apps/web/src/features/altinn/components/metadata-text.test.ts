import { generateApiScopes, insertApiScopes } from "@portvakt/altinn-scopes";
import { describe, expect, it } from "vitest";
import {
  codedInsertError,
  lineOf,
  offsetOf,
  parseOrgnoList,
  parseTextResourceFile,
  rangeOfProblem,
} from "./metadata-text";

const FILE = `{
  "id": "digdir/skjema",
  "apiScopes": {
    "users": { "reed": "digdir:[app].instances.read" }
  }
}`;

describe("rangeOfProblem", () => {
  it("selects the property named by the path, name included", () => {
    const range = rangeOfProblem(FILE, { path: "$.apiScopes.users.reed", line: 4, column: 16 });
    expect(FILE.slice(range!.start, range!.end)).toBe('"reed": "digdir:[app].instances.read"');
  });

  it("falls back to line and column when the text is not JSON", () => {
    const text = '{\n  "id": oops\n}';
    const range = rangeOfProblem(text, { path: "$", line: 2, column: 9 });
    expect(text.slice(range!.start, range!.end)).toBe("oops");
  });

  it("gives nothing without a place", () => {
    expect(rangeOfProblem("{", { path: "$" })).toBeNull();
  });
});

describe("offsetOf and lineOf", () => {
  it("convert between 1-based positions and offsets", () => {
    const offset = offsetOf(FILE, 2, 3);
    expect(FILE.slice(offset, offset + 4)).toBe('"id"');
    expect(lineOf(FILE, offset)).toBe(2);
    expect(offsetOf(FILE, 99, 1)).toBe(FILE.length);
  });
});

describe("parseTextResourceFile", () => {
  it("takes the language from the file, else from its name", () => {
    const named = parseTextResourceFile(
      "resource.en.json",
      '{"resources":[{"id":"a","value":"A"}]}',
    );
    expect(named).toMatchObject({ ok: true, texts: { language: "en" } });
    const own = parseTextResourceFile("x.json", '{"language":"nn","resources":[]}');
    expect(own).toMatchObject({ ok: true, texts: { language: "nn" } });
  });

  it("refuses what is not a resource file, saying where as a message key with values", () => {
    expect(parseTextResourceFile("resource.nb.json", "{")).toEqual({
      ok: false,
      problem: { key: "altinn.texts.notJson", vars: { line: 1, column: 2 } },
    });
    expect(parseTextResourceFile("resource.nb.json", '{"resources":[{"id":1}]}')).toEqual({
      ok: false,
      problem: { key: "altinn.texts.notFile", vars: { path: "$.resources[0].id" } },
    });
  });
});

describe("parseTextResourceFile reads a file as the app does (AppResourcesSI.cs lines 23-28, 68-90)", () => {
  it("takes the language from the file name, which the app reads by, over the file's own", () => {
    const file = parseTextResourceFile("resource.en.json", '{"language":"nb","resources":[]}');
    expect(file).toMatchObject({ ok: true, texts: { language: "en" } });
  });
  it("skips comments, allows trailing commas and reads names ignoring case", () => {
    const text = `// texts for the app
{
  "Language": "en", /* kept for Studio */
  "Resources": [
    { "ID": "k", "Value": "Missing scope", },
    { "id": "empty", "value": null },
    { "id": "none" },
  ],
}`;
    const file = parseTextResourceFile("texts.json", text);
    expect(file).toEqual({
      ok: true,
      texts: {
        fileName: "texts.json",
        language: "en",
        file: {
          language: "en",
          resources: [
            { id: "k", value: "Missing scope" },
            { id: "empty", value: null },
            { id: "none" },
          ],
        },
      },
    });
  });
  it("still refuses an unclosed comment and a value of the wrong type", () => {
    expect(parseTextResourceFile("resource.nb.json", '{"resources":[]} /*')).toMatchObject({
      ok: false,
      problem: { key: "altinn.texts.notJson" },
    });
    expect(
      parseTextResourceFile("resource.nb.json", '{"resources":[{"id":"a","value":5}]}'),
    ).toEqual({
      ok: false,
      problem: { key: "altinn.texts.notFile", vars: { path: "$.resources[0].value" } },
    });
  });
});

describe("parseOrgnoList", () => {
  it("checks each distinct entry with the mod-11 rule", () => {
    expect(parseOrgnoList("889640782, 889640782\n123456789;12")).toEqual([
      { orgno: "889640782", problem: null },
      { orgno: "123456789", problem: expect.stringContaining("check digit") },
      { orgno: "12", problem: expect.stringContaining("9 digits") },
    ]);
  });
});

describe("codedInsertError: why inserting apiScopes failed, coded for nb, nn and en", () => {
  const apiScopes = generateApiScopes({ prefix: "digdir", app: "skjema" });
  const failureOf = (text: string) => {
    try {
      insertApiScopes(text, apiScopes);
    } catch (error) {
      return codedInsertError(error);
    }
    throw new Error("insertApiScopes accepted the text");
  };
  it("a file that holds no JSON object", () => {
    expect(failureOf("[1]")).toMatchObject({ code: "altinn.metadata.not-an-object" });
  });
  it("a file that is not JSON, with its line and column", () => {
    expect(failureOf('{\n  "id": ')).toMatchObject({
      code: "altinn.metadata.invalid-json",
      params: { line: 2, column: expect.any(Number) },
    });
  });
  it("a bad app name from generateApiScopes", () => {
    try {
      generateApiScopes({ prefix: "digdir", app: "a b" });
    } catch (error) {
      expect(codedInsertError(error)).toMatchObject({
        code: "altinn.generate.invalid-app",
        params: { app: "a b" },
      });
      return;
    }
    throw new Error("generateApiScopes accepted 'a b'");
  });
});
