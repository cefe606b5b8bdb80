// The benchmark calls the domain directly under plain Node: "server-only" (which throws outside
// React Server Components) resolves to an empty module here, as it does under vitest.
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {}", shortCircuit: true };
  return next(specifier, context);
}
