export * from "./api-scopes";
export * from "./authorize";
export * from "./generate";
export { type JsonSource, JsonSyntaxError, parseJsonSource, type SourceSpan } from "./json-source";
export * from "./provisioning";
export * from "./resolve";
export * from "./validate";
