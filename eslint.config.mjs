import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Import boundaries are rules on *paths* (README, "Architecture"). Every source file belongs to
 * exactly one zone below (the zones' file globs do not overlap, so no block silently replaces
 * another's list), and each zone names what it may not import. All cross-folder imports use the
 * "@/" alias (relative parent imports are refused), so a rule on the specifier is a rule on the
 * path. Type-only imports are allowed across zones: they leave no code behind.
 */
const lib = (path) => [`@/lib/${path}`, `@/lib/${path}/**`];
const never = {
  ui: { group: ["@/app/**", "@/components/**"], message: "lib/ and db/ never import app/ or components/." },
  // db/schema/vocabulary is plain data (the product's enumerations): the domain may read it;
  // components and pages take it from lib/domain/vocabulary instead (their zones say so).
  db: { regex: "^@/db(/(?!schema/vocabulary$).*)?$", message: "Only lib/domain/<area>/queries/ and mutations/, lib/auth and lib/ops use db/ (its vocabulary excepted)." },
  ops: { group: [...lib("ops"), ...lib("runtime")], message: "Operations and runtime code sit above the domain: nothing below imports them." },
  parent: { group: ["../*", "../**"], message: 'Import across folders with "@/…", so the boundaries see the real path.' },
  next: { group: ["next", "next/*"], message: "queries/ and mutations/ never import next/*: revalidation belongs to the action (and tests run them without Next)." },
};
const zone = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: patterns.map((p) => ({ allowTypeImports: true, ...p })) }] },
});

const PAGE_FILES = ["app/**/page.tsx", "app/**/layout.tsx", "app/**/not-found.tsx", "app/**/error.tsx", "app/**/loading.tsx", "app/**/default.tsx", "app/**/template.tsx"];
const DOMAIN_IO = ["lib/domain/*/queries/**", "lib/domain/*/mutations/**"];

export default tseslint.config(
  { ignores: [".next/**", "dist/**", "node_modules/**", "drizzle/**", "reports/**", "bench-results/**", "screenshots/**", "next-env.d.ts", "*.config.*"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "import-x": importX, "react-hooks": reactHooks },
    settings: {
      // Which files import-x may parse to follow imports (without it, no-cycle sees no edges).
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
      // "@/…" is this project, not a scoped package: without this, no-cycle skips every import.
      "import-x/internal-regex": "^@/",
    },
    rules: {
      // An un-awaited permission check always passes.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // No import cycles anywhere (type-only edges included: they still tangle the layers).
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, parserOptions: { projectService: false, project: null } },
  },
  // No barrels: a file that only re-exports hides where things live (db/schema's index is the
  // one aggregate Drizzle needs).
  {
    files: ["lib/**", "components/**", "app/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "ExportAllDeclaration", message: "No barrels: import from the module that defines it." },
        { selector: "ExportNamedDeclaration[source]", message: "No re-exports: import from the module that defines it." },
      ],
    },
  },

  // --- zones -----------------------------------------------------------------------------------
  // Pages, layouts and their special files read through loaders only.
  zone(PAGE_FILES, [
    {
      regex: "^@/(db(/|$)|lib/(?!domain/[a-z-]+/loaders$))",
      message: "Pages, layouts and generateMetadata import only lib/domain/<area>/loaders (which establish the user first) and components.",
    },
    { regex: "^@/db(/|$)", allowTypeImports: false, message: "Pages never import db/, not even a type." },
  ]),
  // Route handlers: loaders, next-auth's own configuration, or the API layer (lib/api, which
  // establishes the caller before anything is read).
  zone(["app/**/route.ts"], [
    { regex: "^@/(db(/|$)|lib/(?!domain/[a-z-]+/loaders$|auth/options$|api/))", message: "Route handlers read through loaders (or lib/api)." },
    { regex: "^@/db(/|$)", allowTypeImports: false, message: "Route handlers never import db/, not even a type." },
  ]),
  // Components draw and call actions: never the database, queries, mutations or loaders.
  zone(
    ["components/**"],
    [
      // Not even the vocabulary or a type: components take the domain's words (lib/domain/vocabulary).
      { regex: "^@/db(/|$)", allowTypeImports: false, message: "Components never import db/: the vocabulary is @/lib/domain/vocabulary, types come from the domain." },
      { group: ["@/lib/domain/*/queries/**", "@/lib/domain/*/mutations/**"], message: "Components call actions; pages pass data in." },
      { group: ["@/lib/domain/*/loaders"], message: "Components receive data from pages; they do not load it." },
      { regex: "^@/lib/auth/(?!roles$|redirect$|sign-in-errors$)", message: "Components use only lib/auth's pure modules." },
      never.ops,
    ],
  ),
  // db/: the schema and the client; it knows nothing above it.
  zone(["db/**"], [{ group: ["@/lib", "@/lib/**"], message: "db/ never imports lib/ (operations live in lib/ops)." }, never.ui]),
  // lib/auth: users and sessions, below the domain.
  zone(["lib/auth/**"], [{ group: lib("domain"), message: "lib/auth knows nothing of the domain." }, never.ui, never.ops, never.parent]),
  // The domain's reads and writes: the only domain files that reach db/.
  zone(DOMAIN_IO, [never.next, never.ui, never.ops, never.parent]),
  // The rest of the domain: loaders, actions, inputs, types, models.
  zone(["lib/domain/**"], [never.db, never.ui, never.ops, never.parent], DOMAIN_IO),
  // The API: above the domain like actions and loaders; it reads and acts through the domain.
  zone(["lib/api/**"], [never.db, never.ui, never.ops, never.parent]),
  // The agent runs on another host: it knows Runsheet only through the API's agent protocol.
  zone(["lib/agent/**"], [
    { regex: "^@/(?!lib/api/agent-protocol$)", allowTypeImports: false, message: "The agent imports only @/lib/api/agent-protocol (never db/, the domain or the rest of lib/): it is a client of the API and nothing more." },
    never.parent,
  ]),
  // Everything else under lib/ (env, log, highlight, ops, runtime).
  zone(["lib/**"], [never.ui], ["lib/auth/**", "lib/domain/**", "lib/api/**", "lib/agent/**"]),
);
