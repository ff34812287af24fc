import { ClientsPage } from "../features/clients/components/clients-page";
import { KeyExpiryWarning } from "../features/keys/components/keys-overview-page";

/** The client list composes two capabilities: the clients and the warning of expiring keys. */
export function ClientsRoute() {
  return (
    <>
      <KeyExpiryWarning withLink />
      <ClientsPage />
    </>
  );
}
