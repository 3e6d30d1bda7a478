import { createServer, type AddressInfo } from "node:net";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BIN, MINIMAL, runCli, tempProject } from "../helpers/index.js";

/** Starts `journey preview` with `args`, waits for its address, stops it with `signal`. */
async function startAndStop(args: string[], signal: NodeJS.Signals) {
  const dir = tempProject({ "a.journey.yaml": MINIMAL });
  const child = execa("node", [BIN, "preview", ...args], { cwd: dir, reject: false, env: { NO_COLOR: "1" } });
  await new Promise<void>((started, fail) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("http://")) started();
    });
    void child.then(() => fail(new Error(`preview ended early: ${text}`)));
  });
  child.kill(signal);
  return await child;
}

describe("journey preview: options", () => {
  it("prints its address on 127.0.0.1 and a free port, and stops on SIGTERM", async () => {
    const result = await startAndStop(["--port", "0"], "SIGTERM");
    expect(result.stdout).toMatch(/^journey preview: http:\/\/127\.0\.0\.1:\d+\/ {2}\(Ctrl-C to stop\)\njourney preview: stopped$/);
    expect(result.stderr).toBe("");
  });

  it("warns when --host is not a loopback address", async () => {
    const result = await startAndStop(["--host", "0.0.0.0", "--port", "0", "--allowed-host", "my-laptop.local"], "SIGINT");
    expect(result.stderr).toBe(
      "journey: warning: --host 0.0.0.0 makes the preview reachable from other machines (read-only, but it shows your journeys to anyone who can connect)",
    );
    expect(result.stdout).toContain("journey preview: http://0.0.0.0:");
  });

  it("refuses a bad port and a port in use with a usage error", async () => {
    const bad = await runCli(["preview", "--port", "http"], { cwd: tempProject({ "a.journey.yaml": MINIMAL }) });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe("journey: --port takes a port number (0 for any free port), not `http`");
    const bigger = await runCli(["preview", "--port", "70000"], { cwd: tempProject({ "a.journey.yaml": MINIMAL }) });
    expect(bigger.exitCode).toBe(2);
    const taken = createServer();
    await new Promise<void>((listening) => taken.listen(0, "127.0.0.1", listening));
    try {
      const port = (taken.address() as AddressInfo).port;
      const busy = await runCli(["preview", "--port", String(port)], { cwd: tempProject({ "a.journey.yaml": MINIMAL }) });
      expect(busy.stderr).toBe(`journey: cannot listen on 127.0.0.1:${port} (EADDRINUSE); choose another --host or --port`);
      expect(busy.exitCode).toBe(2);
    } finally {
      taken.close();
    }
  });
});
