import { useEffect, useRef } from "react";

/**
 * Calls `onChange(value)` after a render in which `value` differs (`Object.is`) from the one
 * before; not on the first render. For result panels that belong to an input: a finished job's
 * progress and results to the list it granted, a plan and its apply report to the document, a
 * token test to its client, key and scopes, a diagnosis to what was pasted. When the person
 * changes the input, the old result goes (`onChange` resets it), so no panel speaks of input no
 * longer on the page (brief ux20, item 4). Pass a primitive (join several fields into one text):
 * a new array or object each render would count as a change every time.
 */
export function useOnChange<T>(value: T, onChange: (value: T) => void): void {
  const previous = useRef(value);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    if (Object.is(previous.current, value)) return;
    previous.current = value;
    latest.current(value);
  }, [value]);
}
