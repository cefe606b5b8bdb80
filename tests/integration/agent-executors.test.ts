import postgres from "postgres";
import { describe, expect, it } from "vitest";
import type { ClaimedStep } from "@/lib/agent/client";
import { runBash, runSql, runYaml, sqlUrlFor, type StepIO } from "@/lib/agent/executors";
import { Masker } from "@/lib/agent/mask";
import { parseOptions } from "@/lib/agent/options";
import { engine } from "../support/db";

/**
 * The agent's hands, for real: bash in a fresh directory with the step's variables, a YAML
 * command fed the manifest on stdin, SQL through the postgres driver in one transaction against
 * the throwaway Postgres, stop with SIGTERM then SIGKILL, and secrets masked before output leaves.
 */
const step = (over: Partial<ClaimedStep>): ClaimedStep => ({
  itemId: 1,
  runId: 1,
  stepId: 1,
  type: "bash",
  name: "step",
  content: "true",
  sha256: "0".repeat(64),
  namespace: "cust-a-prod",
  customer: "customer-a",
  cluster: "prod-eu",
  release: "v9",
  releaseVersion: "v9.0.0",
  kubeconfigPath: "/etc/kube/prod-eu",
  timeoutSeconds: 600,
  leaseSeconds: 30,
  ...over,
});
const options = (extra: string[] = []) => parseOptions(["--server", "http://runsheet.test", "--token", "rsa_test-token-value", "--grace", "1", ...extra], {} as NodeJS.ProcessEnv);

function io(stopAfterMs?: number): StepIO & { text: () => string } {
  let out = "";
  const stop = new AbortController();
  if (stopAfterMs) setTimeout(() => stop.abort(), stopAfterMs);
  return { write: (t) => (out += t), stop: stop.signal, text: () => out };
}

describe("the agent runs steps", () => {
  it("bash: -euo pipefail in a fresh directory, with NAMESPACE, KUBECONFIG and the customer's names; never the agent's token", async () => {
    const o = io();
    process.env.RUNSHEET_AGENT_TOKEN = "rsa_should-not-leak";
    const result = await runBash(step({ content: 'echo "$NAMESPACE $KUBECONFIG $RUNSHEET_CUSTOMER $RUNSHEET_RELEASE"; pwd; echo "token:${RUNSHEET_AGENT_TOKEN:-none}"; touch here' }), options(), o);
    delete process.env.RUNSHEET_AGENT_TOKEN;
    expect(result).toEqual({ exitCode: 0 });
    const [vars, dir, token] = o.text().trim().split("\n");
    expect(vars).toBe("cust-a-prod /etc/kube/prod-eu customer-a v9");
    expect(dir).toMatch(/runsheet-step-/);
    expect(token).toBe("token:none");
    const failing = io();
    expect(await runBash(step({ content: "echo before\nfalse | cat\necho never" }), options(), failing)).toEqual({ exitCode: 1 });
    expect(failing.text()).toBe("before\n");
    expect(await runBash(step({ content: "echo $UNSET_VARIABLE" }), options(), io())).toEqual({ exitCode: 1 });
  });

  it("a stop (cancel or timeout) sends SIGTERM, then SIGKILL after the grace, to everything the step started", async () => {
    const o = io(300);
    const started = Date.now();
    const result = await runBash(step({ content: "trap '' TERM\nsleep 30 & wait\necho survived" }), options(), o);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.exitCode).not.toBe(0);
    expect(o.text()).toContain("[runsheet agent] stopping: SIGTERM, SIGKILL after 1 s");
    expect(o.text()).not.toContain("survived");
  });

  it("a step sees an allow-list of the agent's environment (never its SQL URL or settings), plus what --pass-env names", async () => {
    process.env.RUNSHEET_SQL_URL = "postgres://app:hunter2@db/x";
    process.env.AWS_SECRET_ACCESS_KEY = "not-for-steps";
    process.env.HELM_CACHE_HOME = "/var/cache/helm";
    try {
      const o = io();
      const script = 'echo "sql:${RUNSHEET_SQL_URL:-none} aws:${AWS_SECRET_ACCESS_KEY:-none} helm:${HELM_CACHE_HOME:-none} path:${PATH:+set}"';
      expect(await runBash(step({ content: script }), options(["--pass-env", "HELM_CACHE_HOME"]), o)).toEqual({ exitCode: 0 });
      expect(o.text()).toBe("sql:none aws:none helm:/var/cache/helm path:set\n");
      expect(() => options(["--pass-env", "RUNSHEET_AGENT_TOKEN"]).passEnv).not.toThrow();
      expect(options(["--pass-env", "RUNSHEET_AGENT_TOKEN"]).passEnv).toEqual([]);
    } finally {
      delete process.env.RUNSHEET_SQL_URL;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      delete process.env.HELM_CACHE_HOME;
    }
  });

  it("a step that ends leaves nothing running: what it started in the background is stopped with it", async () => {
    const o = io();
    const marker = `/tmp/runsheet-bg-${process.pid}-${Date.now()}`;
    const started = Date.now();
    // The background job holds stdout open and would write the marker after 2 s.
    const result = await runBash(step({ content: `(sleep 2; touch ${marker}) &\necho started` }), options(), o);
    expect(result).toEqual({ exitCode: 0 });
    expect(Date.now() - started).toBeLessThan(1_900); // not held "running" by the background job's open stdout
    await new Promise((r) => setTimeout(r, 2_500));
    const { existsSync } = await import("node:fs");
    expect(existsSync(marker)).toBe(false);
  });

  it("YAML: the manifest on stdin of the configured command, with $NAMESPACE", async () => {
    const o = io();
    const manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n";
    const result = await runYaml(step({ type: "yaml", content: manifest }), options(["--yaml-command", 'echo "ns=$NAMESPACE"; cat']), o);
    expect(result).toEqual({ exitCode: 0 });
    expect(o.text()).toBe(`ns=cust-a-prod\n${manifest}`);
  });

  it("masks the agent's secrets, also when one arrives split across chunks", () => {
    const m = new Masker(["s3cr3t-password", "rsa_token123"]);
    const sent = m.push("connecting with s3cr3t-pa") + m.push("ssword and rsa_tok") + m.push("en123 done\n") + m.flush();
    expect(sent).toBe("connecting with •••••• and •••••• done\n");
    const o = options(["--sql-url", "postgres://app:hunter2-secret@db/{{ namespace }}", "--secret", "extra-secret"]);
    expect(o.secrets).toEqual(expect.arrayContaining(["rsa_test-token-value", "hunter2-secret", "extra-secret"]));
    expect(sqlUrlFor("postgres://app:pw@db:5432/{{ namespace }}?sslmode=disable", step({}))).toBe("postgres://app:pw@db:5432/cust-a-prod?sslmode=disable");
  });

  it.skipIf(engine !== "postgres")("SQL: in one transaction against the database the agent's configuration names; a failure rolls back", async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const db = `rs_agent_${process.pid}`;
    await admin.unsafe(`drop database if exists ${db}`);
    await admin.unsafe(`create database ${db}`);
    try {
      const template = `${url.protocol}//${url.username}@${url.host}/{{ namespace }}`;
      const o = io();
      const ok = await runSql(step({ type: "sql", namespace: db, content: "create table orders (region text);\ninsert into orders values ('eu'), ('us');\nselect region from orders order by region;" }), options(["--sql-url", template]), o);
      expect(ok).toEqual({ exitCode: 0 });
      expect(o.text()).toContain('INSERT 2\nSELECT 2\n{"region":"eu"}\n{"region":"us"}\n');
      const bad = io();
      const failed = await runSql(step({ type: "sql", namespace: db, content: "insert into orders values ('apac');\nselect * from nowhere;" }), options(["--sql-url", template]), bad);
      expect(failed).toEqual({ exitCode: 1 });
      expect(bad.text()).toMatch(/^ERROR 42P01: relation "nowhere" does not exist/);
      const check = postgres(template.replace("{{ namespace }}", db), { max: 1 });
      expect((await check`select count(*)::int as n from orders`)[0].n).toBe(2); // the failed step's insert rolled back
      await check.end();
      expect(await runSql(step({ type: "sql" }), options(), io())).toMatchObject({ exitCode: null, error: expect.stringMatching(/no --sql-url/) });

      // A stop cancels the statement on the server: it does not run on there (holding its locks)
      // after the agent said it stopped, and its transaction's writes are rolled back.
      const stopped = io(500);
      const tag = `rs-cancel-${process.pid}`;
      const cancelled = await runSql(
        step({ type: "sql", namespace: db, content: `set application_name = '${tag}';\ninsert into orders values ('late');\nselect pg_sleep(30);` }),
        options(["--sql-url", template]),
        stopped,
      );
      expect(cancelled).toEqual({ exitCode: 1 });
      expect(stopped.text()).toMatch(/ERROR 57014: canceling statement due to user request/);
      const still = await admin`select count(*)::int as n from pg_stat_activity where application_name = ${tag} and state = 'active'`;
      expect(still[0].n).toBe(0);
      const after = postgres(template.replace("{{ namespace }}", db), { max: 1 });
      expect((await after`select count(*)::int as n from orders where region = 'late'`)[0].n).toBe(0);
      await after.end();
    } finally {
      await admin.unsafe(`drop database if exists ${db} with (force)`);
      await admin.end();
    }
  });
});
