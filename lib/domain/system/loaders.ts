import "server-only";
import { checkDatabase } from "./queries/health";

/**
 * The container's liveness and database check. Public on purpose (a health checker has no
 * session) and the only loader without a user: it reads no product data, only whether the
 * database answers, which engine it is and how long it took.
 */
export const loadHealth = () => checkDatabase();
