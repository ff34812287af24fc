import { isValidOrgNumber } from "@portvakt/contracts";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { Field, Fieldset, Input } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { RoleNotice } from "../../../components/ui/role-notice";
import { EmptyState, Loading, Notice, PageHeader } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { useEnv } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useRoleGate } from "../../../lib/session";
import {
  useCreateCustomerClient,
  useKeysOf,
  useOrganization,
  useOrganizations,
  useSupplierClients,
} from "../api";

const SUPPLIER_SCOPE = "idporten:dcr.supplier";

/** Clients this organisation manages for its customers (`client_orgno`), grouped by customer. */
export function SupplierPage() {
  const env = useEnv();
  const { t } = useI18n();
  const isSupplier = env.adminScopes.includes(SUPPLIER_SCOPE);
  const clients = useSupplierClients(env.id);
  const list = (clients.data ?? []).filter((c) => c.active !== false);
  const orgnos = [...new Set(list.map((c) => c.client_orgno ?? ""))].sort((a, b) =>
    a === env.orgno ? -1 : b === env.orgno ? 1 : a.localeCompare(b),
  );
  const names = useOrganizations(
    env.id,
    orgnos.filter((o) => o !== env.orgno),
  );
  const keys = useKeysOf(
    env.id,
    list.filter((c) => c.client_orgno !== env.orgno).map((c) => c.client_id),
  );

  return (
    <section className="flex flex-col gap-4">
      <PageHeader title={t("supplier.title")} description={t("supplier.description")} />
      {!isSupplier ? (
        <Notice>{t("supplier.unavailable")}</Notice>
      ) : (
        <>
          <NewCustomerClient />
          <h2 className="text-xl font-semibold">{t("supplier.grouped")}</h2>
          {clients.isPending ? (
            <Loading label={t("common.loading")} />
          ) : clients.isError ? (
            <ErrorAlert error={clients.error} title={t("clients.loadFailed")} />
          ) : orgnos.length === 0 ? (
            <EmptyState title={t("supplier.noClients")} />
          ) : (
            <div className="flex flex-col gap-4" data-testid="supplier-groups">
              {orgnos.map((orgno) => {
                const customer = orgno === env.orgno ? t("supplier.own") : (names[orgno] ?? orgno);
                return (
                  <section
                    key={orgno}
                    data-testid={`customer-${orgno}`}
                    aria-label={customer}
                    className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
                  >
                    <h3 className="font-semibold">
                      {customer} <span className="font-mono text-sm">{orgno}</span>
                    </h3>
                    <ul className="mt-2 flex flex-col gap-2">
                      {list
                        .filter((c) => c.client_orgno === orgno)
                        .map((c) => (
                          <li key={c.client_id} className="text-sm">
                            <Link
                              to="/$env/clients/$clientId"
                              params={(current) => ({
                                env: current.env ?? "",
                                clientId: c.client_id,
                              })}
                              className="font-medium text-blue-800 hover:underline dark:text-sky-300"
                            >
                              {c.client_name}
                            </Link>{" "}
                            <code className="font-mono text-xs">{c.client_id}</code>
                            {orgno !== env.orgno && (
                              <p className="text-xs text-slate-600 dark:text-slate-400">
                                {t("supplier.keys", { customer })}{" "}
                                {(keys[c.client_id] ?? []).length === 0
                                  ? t("supplier.noKeys")
                                  : (keys[c.client_id] ?? []).map((k) => k.kid).join(", ")}
                              </p>
                            )}
                          </li>
                        ))}
                    </ul>
                  </section>
                );
              })}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function NewCustomerClient() {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  const create = useCreateCustomerClient(env.id);
  // Registering a client needs the role admin (the BFF's client.create): others see why.
  const admin = useRoleGate("admin");
  const [orgno, setOrgno] = useState("");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [scopes, setScopes] = useState("");
  const valid = isValidOrgNumber(orgno);
  const organization = useOrganization(env.id, orgno, valid);
  const customer = organization.data?.name;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid || !name.trim() || !description.trim()) return;
        create.mutate(
          {
            client_name: name.trim(),
            description: description.trim(),
            client_orgno: orgno,
            scopes: scopes.split(/[\s,]+/).filter(Boolean),
          },
          {
            onSuccess: (client) => {
              toast.success(
                t("supplier.created", {
                  name: client.client_name ?? client.client_id,
                  customer: customer ?? orgno,
                }),
              );
              setName("");
              setDescription("");
              setScopes("");
            },
          },
        );
      }}
    >
      <RoleNotice needed="admin" what="role.what.clients" />
      <Fieldset legend={t("supplier.new")} disabled={!admin.allowed}>
        <Field
          label={t("supplier.orgno")}
          required
          error={orgno.length >= 9 && !valid ? t("supplier.orgnoInvalid") : null}
          help={
            valid
              ? organization.isError
                ? t("supplier.customerUnknown")
                : customer
                  ? t("supplier.customerName", { name: customer })
                  : undefined
              : undefined
          }
        >
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              inputMode="numeric"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={orgno}
              className="max-w-48 font-mono"
              onChange={(e) => setOrgno(e.target.value.replace(/\s/g, ""))}
            />
          )}
        </Field>
        <Field label={t("supplier.name")} required>
          {({ id }) => <Input id={id} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t("supplier.descriptionField")} required>
          {({ id }) => (
            <Input id={id} value={description} onChange={(e) => setDescription(e.target.value)} />
          )}
        </Field>
        <Field label={t("supplier.scopes")} help={t("supplier.scopesHelp")}>
          {({ id, describedBy }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              value={scopes}
              className="font-mono"
              onChange={(e) => setScopes(e.target.value)}
            />
          )}
        </Field>
        {create.isError && <ErrorAlert error={create.error} title={t("supplier.createFailed")} />}
        <div>
          <Button
            type="submit"
            variant="primary"
            pending={create.isPending}
            disabled={!valid || !name.trim() || !description.trim()}
          >
            {t("supplier.create")}
          </Button>
        </div>
      </Fieldset>
    </form>
  );
}
