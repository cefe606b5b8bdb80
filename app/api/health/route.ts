import { loadHealth } from "@/lib/domain/system/loaders";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await loadHealth();
  return Response.json(
    { status: database.ok ? "ok" : "error", database },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
