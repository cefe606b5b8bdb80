import { PageSkeleton } from "@/components/shell/page-skeleton";

// The list page only (a route group): a loading boundary makes the response stream with status
// 200 before the page decides, so one must never enclose a page that can answer 404 — an unknown
// id (e.g. /releases/999) must be a 404 for monitors and API clients (issue 25).
export default PageSkeleton;
