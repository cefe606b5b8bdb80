import { notFound } from "next/navigation";
import { loadViewer } from "@/lib/domain/session/loaders";

/**
 * Any URL no page matches: the app's own "Page not found", inside the app frame (navigation,
 * account, a way back) rather than Next's bare 404. The user is established first, like every page.
 */
export default async function MissingPage() {
  await loadViewer();
  notFound();
}
