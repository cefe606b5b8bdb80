import { openApiDocument } from "@/lib/api/openapi";

/** The API described, generated from its zod schemas: no product data, so anyone may read it. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
