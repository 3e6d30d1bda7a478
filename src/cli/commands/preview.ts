import { spawn } from "node:child_process";
import { LANGUAGES } from "../../i18n/index.js";
import { isLoopback, startPreview } from "../../preview/server.js";
import { resolveConfig } from "../project.js";
import { UsageError } from "../errors.js";
import { rulesMeta } from "../../lint/rules-meta.js";
import { ruleInfoOf } from "../../results.js";
import { HOMEPAGE, RULE_DOCS_BASE } from "../version.js";

export interface PreviewCommandOptions {
  config?: string;
  host: string;
  port: string;
  allowedHost?: string[];
  lang?: string;
  open?: boolean;
}

/**
 * `journey preview`: starts the preview server, prints its address, and runs until Ctrl-C (or
 * SIGTERM), which closes the server, its connections and its watches before the process exits.
 */
export async function runPreview(paths: string[], options: PreviewCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const meta = rulesMeta(RULE_DOCS_BASE);
  const port = Number(options.port);
  if (!/^\d+$/.test(options.port) || port > 65_535) throw new UsageError(`--port takes a port number (0 for any free port), not \`${options.port}\``);
  const resolution = resolveConfig(cwd, options.config);
  const lang = options.lang ?? resolution.config?.render.lang ?? "en";
  const labels = LANGUAGES[lang];
  if (!labels) throw new UsageError(`unknown language \`${lang}\`; use one of ${Object.keys(LANGUAGES).join(", ")}`);
  if (!isLoopback(options.host)) {
    process.stderr.write(
      `journey: warning: --host ${options.host} makes the preview reachable from other machines (read-only, but it shows your journeys to anyone who can connect)\n`,
    );
  }
  let server;
  try {
    server = await startPreview({
      cwd,
      paths,
      config: options.config,
      lang: options.lang,
      host: options.host,
      port,
      allowedHosts: options.allowedHost ?? [],
      labels,
      ruleDocsUrl: (ruleId) => ruleInfoOf(meta, ruleId, HOMEPAGE).docsUrl,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      throw new UsageError(`cannot listen on ${options.host}:${port} (${code}); choose another --host or --port`);
    throw error;
  }
  // The handlers are set before the address is printed: whoever reads it may stop the server at
  // once, and until a handler is set, SIGINT and SIGTERM end the process without its last line.
  const stopping = new Promise<void>((stopped) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      // Before the handler that ends the process: closing takes no waiting for clients.
      process.prependOnceListener(signal, () => {
        void server.close();
        process.stdout.write("journey preview: stopped\n");
        stopped();
      });
    }
  });
  process.stdout.write(`journey preview: ${server.url}  (Ctrl-C to stop)\n`);
  if (options.open) openInBrowser(server.url);
  await stopping;
  return 0;
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === "darwin" ? ["open", [url]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", url]] : ["xdg-open", [url]];
  const child = spawn(command, args, { stdio: "ignore", detached: true });
  child.on("error", () => process.stderr.write(`journey: could not open a browser; open ${url} yourself\n`));
  child.unref();
}
