/**
 * What may be a manifest repository's address: https:// (a hosted forge; the token goes in its own
 * field, never in the URL, which is shown), file:// or an absolute path on the server (for
 * evaluation, and for a repository on a mounted volume). Other transports (ssh, git://, ext::)
 * are refused: git's ext:: runs commands, and the server has no ssh keys to offer.
 */
export function remoteUrlProblem(url: string): string | null {
  const u = url.trim();
  if (!u) return "Give the repository's URL.";
  if (u.startsWith("/")) return u.split("/").includes("..") ? "Give the path without .. in it." : null;
  if (u.startsWith("file://")) return !u.slice(7).startsWith("/") ? "A file:// URL names an absolute path: file:///srv/manifests.git." : u.split("/").includes("..") ? "Give the path without .. in it." : null;
  if (/^https:\/\//i.test(u)) {
    try {
      const parsed = new URL(u);
      if (parsed.username || parsed.password) return "Put the token in the Token field, not in the URL (the URL is shown on pages and in the audit log).";
      return null;
    } catch {
      return "That is not a valid URL.";
    }
  }
  if (/^http:\/\//i.test(u)) return "Use https:// — a token must not travel in clear text.";
  return "Give an https:// URL, a file:// URL or an absolute path on the server (ssh and git:// are not supported).";
}

/** Why a branch name cannot be used (git check-ref-format's rules, in words), or null. */
export function branchProblem(branch: string): string | null {
  const b = branch.trim();
  if (!b) return "Give the branch GitOps applies, e.g. main.";
  if (b.length > 200) return "Keep the branch name under 200 characters.";
  if (!/^[A-Za-z0-9._/-]+$/.test(b)) return "A branch name uses letters, digits, dots, dashes, underscores and /.";
  if (b.startsWith("-") || b.startsWith("/") || b.endsWith("/") || b.endsWith(".") || b.endsWith(".lock") || b.includes("..") || b.includes("//") || b.split("/").some((s) => s.startsWith(".")))
    return "That is not a valid branch name (git refuses names with .., //, a leading dash or a trailing .lock).";
  if (b.startsWith("runsheet/")) return "runsheet/… branches are the ones Runsheet publishes to: choose the branch GitOps applies.";
  return null;
}
