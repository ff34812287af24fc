import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ToastProvider } from "../components/ui/toast";
import { I18nProvider } from "../lib/i18n";
import { createQueryClient } from "../lib/query-client";
import { SignInRequiredContext } from "../lib/session";

export function AppProvider({ children }: { children: ReactNode }) {
  const [signInRequired, setSignInRequired] = useState(false);
  const [queryClient] = useState(() =>
    createQueryClient({ onSignInRequired: () => setSignInRequired(true) }),
  );
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <SignInRequiredContext.Provider value={signInRequired}>
          <ToastProvider>{children}</ToastProvider>
        </SignInRequiredContext.Provider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
