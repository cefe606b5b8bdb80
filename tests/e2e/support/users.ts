import path from "node:path";

export const demo = {
  admin: { email: "admin@runsheet.local", password: "admin-demo-pass", name: "Alex Admin" },
  rm: { email: "rm@runsheet.local", password: "rm-demo-pass", name: "Riley Release" },
  sam: { email: "sam@runsheet.local", password: "sam-demo-pass", name: "Sam Shipper" },
  viewer: { email: "viewer@runsheet.local", password: "viewer-demo-pass", name: "Vic Viewer" },
  qa: { email: "qa@runsheet.local", password: "qa-demo-pass", name: "Quinn QA" },
  product: { email: "product@runsheet.local", password: "product-demo-pass", name: "Parker Product" },
  security: { email: "security@runsheet.local", password: "security-demo-pass", name: "Sasha Security" },
} as const;

export type DemoUser = keyof typeof demo;

/** Saved signed-in browser state per demo user, written by global setup. */
export const storageState = (who: DemoUser) => path.join(".e2e-data", `auth-${who}.json`);
