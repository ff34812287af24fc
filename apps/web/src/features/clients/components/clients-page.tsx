export function ClientsPage(_props: object) {
  return null;
}
