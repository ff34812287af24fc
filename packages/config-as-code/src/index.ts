export * from "./apply";
export * from "./document";
export * from "./export";
export * from "./key-files";
export * from "./live-state";
export * from "./plan";
