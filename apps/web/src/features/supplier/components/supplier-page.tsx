import { ClientInput, isValidOrgNumber } from "@portvakt/contracts";
import { Link } from "@tanstack/react-router";
import { useWatch } from "react-hook-form";
import type { z } from "zod";
import {
  Form,
  FormField,
  FormProblem,
  FormSubmit,
  useContractForm,
} from "../../../components/form/form";
import { Fieldset, Input } from "../../../components/ui/field";
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

type CustomerClientValues = {
  client_orgno: string;
  client_name: string;
  description: string;
  scopes: string;
};

/** A client registered on a customer's behalf: the contracts' `ClientInput` with its org number. */
const CustomerClientInput = ClientInput.required({ client_orgno: true });
type CustomerClientInput = z.input<typeof CustomerClientInput>;

/** The request body: spaces dropped from the org number, scopes split on spaces and commas. */
function customerClientBody(values: CustomerClientValues) {
  return {
    client_orgno: values.client_orgno.replace(/\s/g, ""),
    client_name: values.client_name,
    description: values.description,
    scopes: values.scopes.split(/[\s,]+/).filter(Boolean),
  };
}

const CUSTOMER_CLIENT_FIELDS = ["client_orgno", "client_name", "description", "scopes"] as const;
const NO_CUSTOMER_CLIENT: CustomerClientValues = {
  client_orgno: "",
  client_name: "",
  description: "",
  scopes: "",
};

function NewCustomerClient() {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  const create = useCreateCustomerClient(env.id);
  // Registering a client needs the role admin (the BFF's client.create): others see why.
  const admin = useRoleGate("admin");
  const form = useContractForm<CustomerClientValues, CustomerClientInput>({
    schema: CustomerClientInput,
    toBody: customerClientBody,
    defaultValues: NO_CUSTOMER_CLIENT,
  });
  const orgno = useWatch({ control: form.control, name: "client_orgno" }).replace(/\s/g, "");
  const valid = isValidOrgNumber(orgno);
  const organization = useOrganization(env.id, orgno, valid);
  const customer = organization.data?.name;

  const submit = async (body: CustomerClientInput) => {
    const client = await create.mutateAsync(body);
    toast.success(({ t }) =>
      t("supplier.created", {
        name: client.client_name ?? client.client_id,
        customer: customer ?? orgno,
      }),
    );
    form.reset(NO_CUSTOMER_CLIENT);
  };

  return (
    <Form form={form} onSubmit={submit} fields={CUSTOMER_CLIENT_FIELDS} idPrefix="supplier">
      <RoleNotice needed="admin" what="role.what.clients" />
      <Fieldset legend={t("supplier.new")} disabled={!admin.allowed}>
        <FormField
          name="client_orgno"
          label={t("supplier.orgno")}
          required
          liveError={orgno.length >= 9 && !valid ? t("supplier.orgnoInvalid") : null}
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
          {(field) => <Input {...field} inputMode="numeric" className="max-w-48 font-mono" />}
        </FormField>
        <FormField name="client_name" label={t("supplier.name")} required>
          {(field) => <Input {...field} />}
        </FormField>
        <FormField name="description" label={t("supplier.descriptionField")} required>
          {(field) => <Input {...field} />}
        </FormField>
        <FormField name="scopes" label={t("supplier.scopes")} help={t("supplier.scopesHelp")}>
          {(field) => <Input {...field} className="font-mono" />}
        </FormField>
        <FormProblem error={create.error} title={t("supplier.createFailed")} />
        <div>
          <FormSubmit>{t("supplier.create")}</FormSubmit>
        </div>
      </Fieldset>
    </Form>
  );
}
