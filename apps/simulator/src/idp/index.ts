export {
  type DemoIdpClient,
  type DemoIdpOptions,
  type RunningDemoIdp,
  startDemoIdp,
} from "./demo-idp";
export { DEMO_GROUPS, DEMO_PEOPLE, type DemoPerson } from "./demo-people";
