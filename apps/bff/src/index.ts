export type { AppType } from "./app";
export { createApp } from "./app";
export * from "./config";
export { createLogger } from "./logger";
export { type RunningBff, startBff } from "./server";
export { createEnvironment, type EnvironmentSummary } from "./upstream";
