import "server-only";
import type { z } from "zod";
import { hasRole, roleLabels, type Actor } from "@/lib/auth/roles";
import type { Role } from "@/db/schema/vocabulary";
import { principalOf } from "./principal";
import { agentOf } from "./agent-principal";
import type { AgentContext } from "@/lib/auth/agent-token";
import { fieldErrorsOf, internal, problem } from "./respond";

type Shape = z.ZodObject;
export type Context<Q extends Shape | undefined, B extends Shape | undefined> = {
  actor: Actor;
  /** Set for agent operations (`caller: "agent"`): the token's cluster and the calling agent. */
  agent?: AgentContext;
  via: string;
  request: Request;
  params: Record<string, string>;
  query: Q extends Shape ? z.output<Q> : undefined;
  body: B extends Shape ? z.output<B> : undefined;
};

/** One endpoint: what the OpenAPI document says of it, and what it does. */
export type Operation<Q extends Shape | undefined = Shape | undefined, B extends Shape | undefined = Shape | undefined> = {
  method: "GET" | "POST" | "PUT";
  /** Who may call: people and CI (an API token, or a session for reads) — or an agent, with its agent token. */
  caller?: "user" | "agent";
  /** OpenAPI style, under /api/v1: "/releases/{release}/status". */
  path: string;
  summary: string;
  description?: string;
  /** The least role for the call; for a step action this is the action's own role (checked there). */
  role: Role;
  params?: Record<string, z.ZodType>;
  query?: Q;
  body?: B;
  /** A body that is a file, not JSON fields (read by the operation itself): how the OpenAPI document describes it. */
  fileBody?: { description: string; contentTypes: string[] };
  responses: Record<number, { description: string; schema?: z.ZodType; csv?: boolean }>;
  run: (ctx: Context<Q, B>) => Promise<Response>;
};

export function defineOperation<Q extends Shape | undefined = undefined, B extends Shape | undefined = undefined>(op: Operation<Q, B>): Operation<Q, B> {
  return op;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The route handler for an operation: the caller first (401/429 before anything is read), the
 * role, then the path, query and body checked against the operation's schemas (400 with field
 * errors), then the operation. Nothing unexpected escapes as a stack: a 500 with a reference.
 */
export function handlerOf<Q extends Shape | undefined, B extends Shape | undefined>(op: Operation<Q, B>) {
  return async function handle(request: Request, context: RouteContext): Promise<Response> {
    try {
      let actor: Actor;
      let via: string;
      let agent: AgentContext | undefined;
      if (op.caller === "agent") {
        const who = await agentOf(request);
        if ("response" in who) return who.response;
        agent = who.agent;
        // An agent acts as no person: the operation works as the run's starter where it must.
        actor = { id: 0, name: `agent ${agent.agentName}`, email: "", role: "viewer" };
        via = `agent:${agent.agentId}`;
      } else {
        const who = await principalOf(request);
        if ("response" in who) return who.response;
        ({ actor, via } = who);
        if (!hasRole(actor.role, op.role)) return problem("forbidden", `This needs the ${roleLabels[op.role]} role; the caller is ${roleLabels[actor.role]}.`);
      }

      const rawParams = await context.params;
      const params: Record<string, string> = {};
      const errors: Record<string, string[]> = {};
      for (const [name, schema] of Object.entries(op.params ?? {})) {
        const raw = rawParams[name];
        const parsed = schema.safeParse(Array.isArray(raw) ? raw[0] : raw);
        if (parsed.success) params[name] = String(parsed.data);
        else errors[name] = [`${name} is not valid.`];
      }
      if (Object.keys(errors).length) return problem("invalid_input", "Please correct the request.", { fieldErrors: errors });

      let query: unknown = undefined;
      if (op.query) {
        const parsed = op.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
        if (!parsed.success) return problem("invalid_input", "Please correct the query.", { fieldErrors: fieldErrorsOf(parsed.error.issues) });
        query = parsed.data;
      }

      let body: unknown = undefined;
      if (op.body) {
        const text = await request.text();
        let raw: unknown = {};
        if (text.trim()) {
          try {
            raw = JSON.parse(text);
          } catch {
            return problem("invalid_input", "The body must be JSON (Content-Type: application/json).");
          }
        }
        const parsed = op.body.safeParse(raw);
        if (!parsed.success) return problem("invalid_input", "Please correct the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error.issues) });
        body = parsed.data;
      }

      return await op.run({ actor, via, agent, request, params, query, body } as Context<Q, B>);
    } catch (error) {
      return internal(`${op.method} ${op.path}`, error);
    }
  };
}
