export * from "./credentials";
export * from "./errors";
export * from "./grant";
export * from "./key-set-editor";
export * from "./self-service";
export * from "./token";
export {
  fetchTransport,
  type Transport,
  type UpstreamRequest,
  type UpstreamResponse,
  undiciTransport,
} from "./transport";
