import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { createActor, engine, withTestDatabase } from "../support/db";
import { makeCluster, makeRelease } from "../support/factories";

/**
 * What a raw request can send that a form never would: ids past the integer columns, NUL bytes,
 * broken surrogate pairs, timestamps that are not, metadata keys every object already has. Each
 * is a field error in words (invalid_input), never "Something went wrong" and never a write.
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.actor, requireUser: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

withTestDatabase();

beforeAll(async () => {
  session.actor = await createActor("admin");
});

const fieldError = (field: string, message: RegExp) => ({
  ok: false,
  code: "invalid_input",
  fieldErrors: expect.objectContaining({ [field]: expect.arrayContaining([expect.stringMatching(message)]) }),
});

describe(`raw action input (${engine})`, () => {
  it("an id beyond the integer range is a field error, not a database error", async () => {
    const { archiveReleaseAction } = await import("@/lib/domain/releases/actions");
    expect(await archiveReleaseAction({ id: 2147483648 })).toMatchObject(fieldError("id", /not valid/));
    expect(await archiveReleaseAction({ id: "99999999999999999999" })).toMatchObject(fieldError("id", /not valid/));
    expect(await archiveReleaseAction({ id: 1.5 })).toMatchObject({ ok: false, code: "invalid_input" });
    const { markStepDoneAction } = await import("@/lib/domain/steps/actions");
    expect(await markStepDoneAction({ stepId: 1, version: 2147483648, notes: "" })).toMatchObject(fieldError("version", /not valid/));
  });

  it("NUL and other control characters are refused with the field named", async () => {
    const { createCluster } = await import("@/lib/domain/clusters/actions");
    expect(await createCluster({ name: "nul\u0000name", description: "" })).toMatchObject(fieldError("name", /control character/));
    expect(await createCluster({ name: "ok-name-1", description: "bell\u0007" })).toMatchObject(fieldError("description", /control character/));
    // Tabs and newlines are text: fine in a description, not in a one-line name.
    expect(await createCluster({ name: "two\nlines", description: "" })).toMatchObject(fieldError("name", /single line/));
    const ok = await createCluster({ name: `tabbed-${engine}`, description: "line one\r\n\tline two" });
    expect(ok).toMatchObject({ ok: true });
  });

  it("lone UTF-16 surrogates are refused (not well-formed text)", async () => {
    const { createCluster } = await import("@/lib/domain/clusters/actions");
    expect(await createCluster({ name: "broken-\ud83d", description: "" })).toMatchObject(fieldError("name", /invalid character/));
    const { createReleaseAction } = await import("@/lib/domain/releases/actions");
    expect(await createReleaseAction({ type: "hotfix", name: "ok", description: "half an emoji \udc00" })).toMatchObject(
      fieldError("description", /invalid character/),
    );
  });

  it("a timestamp that is not one is a field error", async () => {
    const release = await makeRelease();
    const { updateReleaseAction } = await import("@/lib/domain/releases/actions");
    const result = await updateReleaseAction({
      id: release.id,
      type: release.type,
      name: release.name,
      versionNumber: "v1.0.0",
      expectedUpdatedAt: "yesterday-ish",
    });
    expect(result).toMatchObject(fieldError("expectedUpdatedAt", /out of date/));
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "prototype"])("metadata key %s is refused by name", async (key) => {
    const { createCluster } = await import("@/lib/domain/clusters/actions");
    const result = await createCluster({ name: `meta-${key.replace(/_/g, "")}-${engine}`, metaKey: [key], metaValue: ["x"] });
    expect(result).toMatchObject(fieldError("metadata", new RegExp(`"${key}" is reserved`)));
  });

  it("metadata as an object from code follows the same rule (a JSON __proto__ key is not dropped silently)", async () => {
    const cluster = await makeCluster();
    const { updateCluster } = await import("@/lib/domain/clusters/actions");
    const metadata = JSON.parse('{"__proto__": "x", "region": "eu"}') as Record<string, string>;
    expect(await updateCluster({ id: cluster.id, name: cluster.name, metadata })).toMatchObject(fieldError("metadata", /"__proto__" is reserved/));
  });

  it("content is one schema: the same limit and line endings for templates, overrides and custom steps", async () => {
    const { content, CONTENT_MAX } = await import("@/lib/domain/shared/input");
    expect(content.parse("a\r\nb\rc  \n\n")).toBe("a\nb\nc");
    expect(content.safeParse("x".repeat(CONTENT_MAX)).success).toBe(true);
    const tooLong = content.safeParse("x".repeat(CONTENT_MAX + 1));
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0].message).toMatch(/Content is limited to 100,000 characters/);
    const { overrideInput } = await import("@/lib/domain/steps/input");
    const { updateTemplateInput } = await import("@/lib/domain/templates/input");
    const long = "y".repeat(80_000);
    expect(overrideInput.parse({ stepId: 1, version: 1, content: long }).content).toBe(long);
    expect(updateTemplateInput.parse({ id: 1, version: 1, name: "n", category: "deploy", type: "bash", content: long }).content).toBe(long);
  });
});
