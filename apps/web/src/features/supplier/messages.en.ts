import type { supplierNb } from "./messages";

export const supplierEn: Record<keyof typeof supplierNb, string> = {
  "supplier.nav": "Supplier",
  "supplier.title": "Clients for customers",
  "supplier.description":
    "As a supplier (idporten:dcr.supplier) you can register and manage Maskinporten clients on behalf of customer organisations.",
  "supplier.unavailable":
    "The admin client of this environment lacks the scope idporten:dcr.supplier, so it cannot manage clients for other organisations. Ask Digdir for it.",
  "supplier.new": "Register a client for a customer",
  "supplier.orgno": "Customer's organisation number",
  "supplier.orgnoInvalid": "Nine digits with a valid check digit",
  "supplier.customerName": "Customer: {name}",
  "supplier.customerUnknown": "Organisation not found",
  "supplier.name": "Client name",
  "supplier.descriptionField": "Description",
  "supplier.scopes": "Scopes (separated by space or comma)",
  "supplier.scopesHelp":
    "The customer must be allowed to use the scopes (granted, own or for all).",
  "supplier.create": "Register",
  "supplier.created": "{name} is registered for {customer}",
  "supplier.createFailed": "Could not register the client",
  "supplier.grouped": "Clients grouped by customer",
  "supplier.own": "Own organisation",
  "supplier.noClients": "No clients yet.",
  "supplier.keys": "Keys (belong to {customer}):",
  "supplier.noKeys": "no keys",
  "supplier.manage": "Manage",
};
