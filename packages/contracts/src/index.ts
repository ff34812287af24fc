export * from "./admin-scopes";
export * from "./client";
export * from "./errors";
export * from "./jwk";
export * from "./messages";
export * from "./orgno";
export * from "./scope";
export * from "./scope-name";
