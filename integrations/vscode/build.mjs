// Builds the VS Code extension into this folder, from a built checkout (`npm run build` first):
//   dist/extension.js   the client (src/extension.ts and vscode-languageclient), one CommonJS file
//   server/             the journey it falls back on when the workspace has none installed: the
//                       package's own bin/journey.cjs, dist/cli/ bundles (CLI, lint worker,
//                       language server), the precompiled schema validator and schemas/, laid out
//                       as in the npm package so the CLI finds them relative to itself
// `npm run package:vscode` runs this, then `vsce package`. Nothing here is committed (.gitignore).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const server = join(here, "server");

const needed = ["dist/cli/journey.cjs", "dist/cli/lsp.cjs", "dist/cli/lint-worker.cjs", "bin/journey.cjs"];
const missing = needed.filter((path) => !existsSync(join(root, path)));
if (missing.length > 0) {
  console.error(`integrations/vscode/build.mjs: ${missing.join(", ")} missing; run \`npm run build\` at the repository's root first`);
  process.exit(2);
}

for (const folder of ["dist", "server"]) rmSync(join(here, folder), { recursive: true, force: true });

/** One CommonJS file for Node 20 (VS Code 1.91's extension host), ASCII, no source map. */
const bundle = (options) =>
  build({
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify: true,
    legalComments: "none",
    charset: "ascii",
    logLevel: "warning",
    ...options,
  });

// The client. `vscode` is the extension host's own module.
await bundle({ entryPoints: [join(here, "src", "extension.ts")], outfile: join(here, "dist", "extension.js"), external: ["vscode"] });

// The bundled journey: the CLI's bundles copied as built: journey.cjs, the lint worker, the language
// server, and the file of each command and shared chunk that scripts/bundle.mjs splits off (every
// `.cjs` of dist/cli/; their code caches are made on the user's machine).
const cliFiles = readdirSync(join(root, "dist", "cli")).filter((name) => name.endsWith(".cjs"));
for (const file of ["bin/journey.cjs", ...cliFiles.map((name) => `dist/cli/${name}`)]) {
  mkdirSync(dirname(join(server, file)), { recursive: true });
  cpSync(join(root, file), join(server, file));
}
cpSync(join(root, "schemas"), join(server, "schemas"), { recursive: true });
// The bundles require what they leave outside: the two runtime helpers of ajv the generated
// validator calls, and picomatch (loaded with createRequire). Here each is one file with its
// dependencies inside (fast-deep-equal; picomatch's lib/), so the extension carries no
// node_modules of npm's.
const required = new Set();
for (const name of cliFiles) {
  for (const match of readFileSync(join(root, "dist", "cli", name), "latin1").matchAll(/require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)/gi))
    required.add(match[1]);
}
for (const module of required) {
  await bundle({ entryPoints: [join(root, "node_modules", `${module}.js`)], outfile: join(server, "node_modules", `${module}.js`) });
}
cpSync(join(root, "node_modules", "ajv", "LICENSE"), join(server, "node_modules", "ajv", "LICENSE"));
await bundle({ entryPoints: [join(root, "node_modules", "picomatch", "index.js")], outfile: join(server, "node_modules", "picomatch", "index.js") });
cpSync(join(root, "node_modules", "picomatch", "LICENSE"), join(server, "node_modules", "picomatch", "LICENSE"));
const picomatchVersion = JSON.parse(readFileSync(join(root, "node_modules", "picomatch", "package.json"), "utf8")).version;
writeFileSync(
  join(server, "node_modules", "picomatch", "package.json"),
  JSON.stringify({ name: "picomatch", version: picomatchVersion, license: "MIT", main: "index.js" }, null, 2) + "\n",
);

// The CLI reads its version and homepage from the package.json two folders above dist/cli/.
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const { name, version, description, license, homepage, repository } = pkg;
writeFileSync(join(server, "package.json"), JSON.stringify({ name, version, description, license, homepage, repository, private: true }, null, 2) + "\n");
cpSync(join(here, "LICENSE"), join(server, "LICENSE"));

console.log(`integrations/vscode: built dist/extension.js and server/ (journey-maps ${version})`);
