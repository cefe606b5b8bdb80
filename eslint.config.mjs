import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const restricted = (patterns) => ["error", { patterns }];

export default tseslint.config(
  { ignores: [".next/**", "dist/**", "node_modules/**", "drizzle/**", "reports/**", "bench-results/**", "next-env.d.ts", "*.config.*"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An un-awaited permission check always passes.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, parserOptions: { projectService: false, project: null } },
  },
  // Import boundaries (HOUSE.md "What may import what").
  {
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": restricted([
        { group: ["@/db", "@/db/*", "**/db/*"], message: "Pages and components read through lib/domain/<area>/queries.ts." },
        { group: ["@/lib/domain/*/mutations", "**/mutations"], message: "Mutations are reached through actions.ts." },
      ]),
    },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": restricted([
        { group: ["@/db", "@/db/*", "**/db/*"], message: "Components never import db/." },
        { group: ["@/lib/domain/*/queries", "@/lib/domain/*/mutations"], message: "Components call actions; pages pass data in." },
      ]),
    },
  },
  {
    files: ["lib/**", "db/**"],
    rules: {
      "no-restricted-imports": restricted([
        { group: ["@/app/*", "@/components/*"], message: "lib/ and db/ never import from app/ or components/." },
      ]),
    },
  },
  {
    files: ["lib/domain/**/queries.ts", "lib/domain/**/mutations.ts", "lib/domain/**/queries/*.ts", "lib/domain/**/mutations/*.ts"],
    rules: {
      "no-restricted-imports": restricted([
        { group: ["next", "next/*"], message: "queries/mutations never import next/*: revalidation belongs to the action." },
        { group: ["@/app/*", "@/components/*"], message: "lib/ never imports from app/ or components/." },
      ]),
    },
  },
);
