import { describe, expect, it } from "vitest";
import { redactArgument, redactConsole } from "@/lib/runtime/redact-console";

class DrizzleQueryError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = "DrizzleQueryError";
  }
}

describe("console redaction (Next's own error logs)", () => {
  const pg = Object.assign(new Error('duplicate key value violates unique constraint "x": Key (name)=(secret-name)'), { code: "23505", constraint: "x" });
  const drizzle = Object.assign(new DrizzleQueryError('Failed query: insert into t values ($1)\nparams: secret-name', pg), { digest: "123" });

  it("replaces database errors by their code and constraint, keeping the digest", () => {
    expect(redactArgument(drizzle)).toBe("database error 23505 (x) (digest 123)");
    expect(redactArgument(pg)).toBe("database error 23505 (x)");
    expect(String(redactArgument("⨯ Failed query: select $1\nparams: secret-name"))).not.toContain("secret-name");
  });

  it("leaves other errors and text alone", () => {
    const bug = new TypeError("Cannot read properties of undefined");
    expect(redactArgument(bug)).toBe(bug);
    expect(redactArgument("plain words")).toBe("plain words");
  });

  it("filters what console.error writes", () => {
    const written: unknown[][] = [];
    const target = { error: (...a: unknown[]) => void written.push(a), warn: (...a: unknown[]) => void written.push(a) };
    redactConsole(target);
    target.error("⨯", drizzle);
    expect(JSON.stringify(written)).not.toContain("secret-name");
  });
});
