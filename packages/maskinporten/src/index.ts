export * from "./credentials";
export * from "./errors";
export * from "./grant";
export * from "./key-set-editor";
export * from "./self-service";
export * from "./token";
