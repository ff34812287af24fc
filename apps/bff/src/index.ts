export type { AppType } from "./app";
export { createApp } from "./app";
export {
  ConfigError,
  type CredentialConfig,
  DEFAULT_AUDIT_DATABASE_PATH,
  DIGDIR_PRESETS,
  type EnvironmentConfig,
  loadConfig,
  PortvaktConfig,
  type PortvaktConfigInput,
  parseConfig,
} from "./config";
export { createLogger } from "./logger";
export { type RunningBff, startBff } from "./server";
export { createEnvironment, type EnvironmentSummary } from "./upstream";
