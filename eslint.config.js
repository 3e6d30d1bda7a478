// ESLint (flat config) with typescript-eslint's type-checked rules, run by `npm run lint` as part
// of `npm test`. Formatting is Prettier's (`npm run format:check`), so no style rules here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** What the build scripts, the bench and bin/ use of Node's globals (the `globals` package is not a dependency). */
const NODE_GLOBALS = Object.fromEntries(
  [
    "process",
    "console",
    "Buffer",
    "URL",
    "URLSearchParams",
    "performance",
    "setTimeout",
    "clearTimeout",
    "setImmediate",
    "structuredClone",
    "TextDecoder",
    "TextEncoder",
    "fetch",
  ].map((name) => [name, "readonly"]),
);
const COMMONJS_GLOBALS = Object.fromEntries(["require", "module", "exports", "__dirname", "__filename"].map((name) => [name, "readonly"]));

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "integrations/vscode/dist/",
      "integrations/vscode/server/",
      "coverage/",
      "journey-docs/",
      ".vitest-tmp/",
      "src/validate/generated/",
      "test/golden/",
      "test/fixtures/",
      "examples/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // src/ is checked with tsconfig.json, the tests with test/tsconfig.json.
        projectService: { allowDefaultProject: ["vitest.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // An unused value is an error, unless its name says it is unused on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // scripts/bundle.mjs leaves chalk's own colour detection out of the bundles (it cost every run
    // the tty module): colours are chosen by src/report/color.ts, so nothing may use what that
    // detection sets, chalk's ready-made instances and its supportsColor.
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "chalk",
              importNames: ["default", "chalkStderr", "supportsColor", "supportsColorStderr"],
              message: "Make a `Chalk` with colorFor (src/report/color.ts): chalk's colour detection is not in the bundles.",
            },
          ],
        },
      ],
    },
  },
  {
    // Finding control characters is what the escaping functions are for; the rule guards against
    // writing one by accident.
    files: ["src/escape/**"],
    rules: { "no-control-regex": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { ...NODE_GLOBALS, ...COMMONJS_GLOBALS } },
    rules: { "@typescript-eslint/no-require-imports": "off" }, // CommonJS is why these files exist
  },
);
