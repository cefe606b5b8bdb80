import { PageSkeleton } from "@/components/shell/page-skeleton";

// Per section, not for the whole (app) group: a loading boundary makes the response stream with
// status 200, and an unknown URL ((app)/[...missing]) must answer 404.
export default PageSkeleton;
