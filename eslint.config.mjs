// ESLint: JavaScript's recommended rules, Next's (React, hooks, accessibility, Core Web Vitals) and
// typescript-eslint's recommended set as eslint-config-next ships it. Formatting is Prettier's job.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  js.configs.recommended,
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([".next/**", ".data/**", "lib/db/generated/**", "test-results/**", "next-env.d.ts"]),
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Next makes these warnings; here they fail like any other finding.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      "@typescript-eslint/no-unused-expressions": "error",
    },
  },
]);
