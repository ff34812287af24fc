/**
 * The members of an update body that differ from the same body built from the values the form
 * started with (compared as JSON): what the person changed. The client library lays an update
 * over the row as Digdir has it (`SelfServiceClient.updateScope`, `.updateClient`), so a member
 * left out goes back unchanged, including one the form could not show (a value the read set
 * aside, such as an enum value Portvakt does not know) or had to show as its own default.
 */
export function changedFields<T extends Record<string, unknown>>(after: T, before: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(after).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key]),
    ),
  ) as Partial<T>;
}
