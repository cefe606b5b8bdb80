import { describe, expect, it } from "vitest";
import { EnvError, assertEnv, loadEnv, parseEnv } from "@/lib/env";

const secret = "s".repeat(32);
const key = Buffer.alloc(32, 7).toString("base64");

describe("environment validation", () => {
  it("accepts a minimal production environment", () => {
    const result = parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, NEXTAUTH_URL: "https://runsheet.example.com" });
    expect(result.ok).toBe(true);
  });

  it("accepts development with nothing set", () => {
    expect(parseEnv({}).ok).toBe(true);
  });

  it("refuses production without AUTH_SECRET, naming it in one message", () => {
    const result = parseEnv({ NODE_ENV: "production" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.message).toMatch(/^Runsheet cannot start: 1 environment variable is missing or wrong:/);
    expect(result.message).toContain("AUTH_SECRET: required in production");
  });

  it("lists every problem at once, never echoing values", () => {
    const result = parseEnv({
      NODE_ENV: "production",
      AUTH_SECRET: "short-secret-value",
      DATABASE_URL: "mysql://u:hunter2@db/x",
      PORT: "eighty",
      OIDC_ISSUER: "https://id.example.com",
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "not-a-key",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const names = result.problems.map((p) => p.split(":")[0]);
    expect(names).toEqual(
      expect.arrayContaining(["AUTH_SECRET", "DATABASE_URL", "PORT", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "OIDC_CLIENT_ID, OIDC_CLIENT_SECRET"]),
    );
    expect(result.problems).toHaveLength(5);
    expect(result.message).toContain("5 environment variables are missing or wrong");
    expect(result.message).not.toContain("hunter2");
    expect(result.message).not.toContain("short-secret-value");
  });

  it("rejects a malformed DATABASE_URL", () => {
    for (const bad of ["localhost:5432/runsheet", "http://db/runsheet", "postgres://", "not a url"]) {
      const result = parseEnv({ DATABASE_URL: bad });
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.problems[0]).toMatch(/^DATABASE_URL: must be a postgres:\/\/ URL/);
    }
    expect(parseEnv({ DATABASE_URL: "postgresql://runsheet:pw@db:5432/runsheet" }).ok).toBe(true);
  });

  it("requires the OIDC variables all together or none", () => {
    const partial = parseEnv({ OIDC_CLIENT_ID: "runsheet" });
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.problems).toEqual([expect.stringMatching(/^OIDC_ISSUER, OIDC_CLIENT_SECRET: single sign-on needs/)]);
    expect(
      parseEnv({ OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "runsheet", OIDC_CLIENT_SECRET: "x" }).ok,
    ).toBe(true);
  });

  it("requires ADMIN_EMAIL and ADMIN_PASSWORD together", () => {
    const result = parseEnv({ ADMIN_EMAIL: "ops@example.com" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/^ADMIN_PASSWORD:/);
  });

  it("treats blank values (as compose passes them) as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", OIDC_ISSUER: "", SEED_DEMO: "" }).ok).toBe(true);
  });

  it("checks the server-actions key is base64 of 32 bytes", () => {
    expect(parseEnv({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key }).ok).toBe(true);
    expect(parseEnv({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") }).ok).toBe(false);
  });

  it("coerces numbers and flags", () => {
    const env = loadEnv({ PORT: "8080", DB_POOL_SIZE: "5", BCRYPT_COST: "10", SEED_DEMO: "true" });
    expect(env).toMatchObject({ PORT: 8080, DB_POOL_SIZE: 5, BCRYPT_COST: 10, SEED_DEMO: "true" });
    expect(parseEnv({ SEED_DEMO: "yes" }).ok).toBe(false);
    expect(parseEnv({ BCRYPT_COST: "3" }).ok).toBe(false);
  });

  it("assertEnv throws an EnvError carrying the single message", () => {
    expect(() => assertEnv({ NODE_ENV: "production" })).toThrow(EnvError);
    expect(() => assertEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET/);
  });
});
