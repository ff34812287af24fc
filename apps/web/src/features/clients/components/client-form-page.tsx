export function ClientFormPage(_props: { mode: string; clientId?: string }) {
  return null;
}
