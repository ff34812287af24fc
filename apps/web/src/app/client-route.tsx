export function ClientRoute(_props: { clientId: string }) {
  return null;
}
