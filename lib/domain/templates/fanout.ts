import "server-only";

// The implementation lives in fanout-core.ts so db scripts can run it outside Next.
export { copyTemplatesToCustomers, sqlList } from "./fanout-core";
