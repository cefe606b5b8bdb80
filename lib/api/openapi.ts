import "server-only";
import { z } from "zod";
import { operations } from "./operations";

/**
 * The OpenAPI 3.1 document, generated from the operations and their zod schemas (OpenAPI 3.1 is
 * JSON Schema 2020-12, which zod writes). Named schemas (`.meta({ id })`) go to components.
 */
export function openApiDocument(serverUrl = "/api/v1") {
  const schema = (s: z.ZodType, io: "input" | "output") => {
    const out = z.toJSONSchema(s, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>;
    delete out.$schema;
    // Named schemas nested in this one sit in its $defs: point them at the document's components.
    return JSON.parse(JSON.stringify(out).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown>;
  };
  const components: Record<string, unknown> = {};
  /** A schema with an id becomes a $ref to components (its own definitions lifted alongside). */
  const refOf = (s: z.ZodType, io: "input" | "output") => {
    const json = schema(s, io);
    const defs = (json.$defs ?? {}) as Record<string, unknown>;
    delete json.$defs;
    Object.assign(components, defs);
    const id = (s.meta() as { id?: string } | undefined)?.id;
    if (id) {
      components[id] = json;
      return { $ref: `#/components/schemas/${id}` };
    }
    return json;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters: unknown[] = [];
    for (const [name, s] of Object.entries(op.params ?? {})) parameters.push({ name, in: "path", required: true, schema: schema(s, "input"), description: s.description });
    if (op.query) {
      for (const [name, s] of Object.entries((op.query as z.ZodObject).shape as Record<string, z.ZodType>)) {
        parameters.push({ name, in: "query", required: !s.safeParse(undefined).success, schema: schema(s, "input"), description: s.description });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      const content: Record<string, unknown> = {};
      if (r.schema) content["application/json"] = { schema: refOf(r.schema, "output") };
      if (r.csv) content["text/csv"] = { schema: { type: "string" } };
      responses[status] = { description: r.description, ...(Object.keys(content).length ? { content } : {}) };
    }
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: false, content: { "application/json": { schema: refOf(op.body, "input") } } } } : {}),
      ...(op.fileBody
        ? { requestBody: { required: true, description: op.fileBody.description, content: Object.fromEntries(op.fileBody.contentTypes.map((t) => [t, { schema: { type: "string" } }])) } }
        : {}),
      responses,
    };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Runsheet API",
      version: "1",
      description: "Read a release's status and act on customer steps from CI jobs. Authenticate with `Authorization: Bearer rs_…` (an admin creates tokens under API tokens).",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token (rs_…)" } }, schemas: components },
    paths,
  };
}
