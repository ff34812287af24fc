import { useQuery } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { useState } from "react";
import { Button, buttonProps } from "../components/ui/button";
import { ErrorAlert } from "../components/ui/problem";
import { Loading } from "../components/ui/status";
import { isApiProblem, signInUrl } from "../lib/api-client";
import { type Environment, envsQueryOptions } from "../lib/env";
import { useI18n } from "../lib/i18n";
import { SignInAgain } from "./access-gates";
import { AppProvider } from "./provider";
import { createAppRouter } from "./routes";

export function App() {
  return (
    <AppProvider>
      <EnvGate />
    </AppProvider>
  );
}

/** The environments are loaded (or sign-in asked for) before any route: every page has one. */
function EnvGate() {
  const { t } = useI18n();
  const query = useQuery(envsQueryOptions);
  const envs = query.data;
  if (envs && envs.length > 0) {
    return (
      <>
        <Routes envs={envs} />
        <SignInAgain />
      </>
    );
  }
  const error = query.error ?? (envs ? new Error("no environments") : undefined);
  return (
    <main className="mx-auto max-w-xl p-6">
      <h1 className="mb-4 text-2xl font-semibold">Portvakt</h1>
      {query.isPending ? (
        <Loading label={t("envs.loading")} />
      ) : isApiProblem(error) && error.signInRequired ? (
        <div className="flex flex-col items-start gap-3">
          <p>{t("auth.signInNeeded")}</p>
          <a href={signInUrl()} {...buttonProps("primary")} data-testid="sign-in">
            {t("auth.signIn")}
          </a>
        </div>
      ) : (
        <ErrorAlert
          error={error}
          title={t("envs.failed")}
          action={
            <div>
              <Button onClick={() => void query.refetch()}>{t("common.retry")}</Button>
            </div>
          }
        />
      )}
    </main>
  );
}

function Routes({ envs }: { envs: Environment[] }) {
  // One router for the page's life; a refetched list reaches the routes through `context`.
  const [router] = useState(() => createAppRouter(envs));
  return <RouterProvider router={router} context={{ envs }} />;
}
