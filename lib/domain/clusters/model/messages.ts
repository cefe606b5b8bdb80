/**
 * BR-C01 in words. Shared by the domain (the refusal) and the delete dialog (the explanation),
 * so both say the same thing.
 */
export function deleteRefusal(clusterName: string, customerNames: string[]): string {
  const n = customerNames.length;
  const shown = customerNames.slice(0, 3).join(", ") + (n > 3 ? ` and ${n - 3} more` : "");
  const them = n === 1 ? "it" : "them";
  return `${clusterName} still has ${n} active customer${n === 1 ? "" : "s"} (${shown}). Move or archive ${them} before deleting the cluster.`;
}
