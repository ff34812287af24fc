import { ClientDetails } from "../features/clients/components/client-details";
import { KeysPanel } from "../features/keys/components/keys-panel";

/** A client page composes two capabilities: the registration and its keys. */
export function ClientRoute({ clientId }: { clientId: string }) {
  return (
    <>
      <ClientDetails clientId={clientId} />
      <KeysPanel clientId={clientId} />
    </>
  );
}
