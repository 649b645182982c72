// ESLint for the handbook's own browser and Node code (make lint). Plain scripts, no build:
// the browser files are classic scripts (no modules); the tests and harness are CommonJS.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", "dist/", "artifacts/", ".venv/", "docs/assets/javascripts/lunr/"] },
  js.configs.recommended,
  {
    files: ["quiz/*.js", "docs/assets/javascripts/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      // quiz/core.js also exports itself to Node (module.exports) for the tests.
      globals: { ...globals.browser, ...globals.worker, module: "readonly" },
    },
  },
  {
    // quiz/team.js takes quiz/core.js with require() under Node (tests), from the page otherwise.
    files: ["quiz/team.js"],
    languageOptions: { globals: { require: "readonly" } },
  },
  {
    // The service worker the build writes to the site's root (hooks/handbook/offline.py).
    files: ["hooks/handbook/templates/sw.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.serviceworker } },
  },
  {
    files: ["tests/**/*.js", "tools/**/*.js", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
  { files: ["eslint.config.mjs"], languageOptions: { sourceType: "module" } },
  {
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      eqeqeq: ["error", "smart"],
    },
  },
];
