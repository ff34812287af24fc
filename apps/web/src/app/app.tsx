import { Button, buttonClass } from "../components/ui/button";
import { ErrorAlert } from "../components/ui/problem";
import { Loading } from "../components/ui/status";
import { isApiProblem, signInUrl } from "../lib/api-client";
import { EnvProvider } from "../lib/env";
import { useI18n } from "../lib/i18n";
import { RoleGate, SignInAgain } from "./access-gates";
import { Layout } from "./layout";
import { AppProvider } from "./provider";
import { AppRoutes } from "./router";

export function App() {
  return (
    <AppProvider>
      <EnvGate />
    </AppProvider>
  );
}

function EnvGate() {
  const { t } = useI18n();
  return (
    <EnvProvider
      renderState={({ error, loading, retry }) => (
        <main className="mx-auto max-w-xl p-6">
          <h1 className="mb-4 text-2xl font-semibold">Portvakt</h1>
          {loading ? (
            <Loading label={t("envs.loading")} />
          ) : isApiProblem(error) && error.signInRequired ? (
            <div className="flex flex-col items-start gap-3">
              <p>{t("auth.signInNeeded")}</p>
              <a href={signInUrl()} className={buttonClass("primary")} data-testid="sign-in">
                {t("auth.signIn")}
              </a>
            </div>
          ) : (
            <ErrorAlert
              error={error}
              title={t("envs.failed")}
              action={
                <div>
                  <Button onClick={retry}>{t("common.retry")}</Button>
                </div>
              }
            />
          )}
        </main>
      )}
    >
      <Layout>
        <RoleGate>
          <AppRoutes />
        </RoleGate>
      </Layout>
      <SignInAgain />
    </EnvProvider>
  );
}
