export * from "./demo-idp";
export * from "./demo-people";
