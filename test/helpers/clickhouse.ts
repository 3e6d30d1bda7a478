/**
 * A throwaway ClickHouse server for the tests: the system's `clickhouse-server` (Debian 12 ships
 * 18.16) on 127.0.0.1, free ports, every file in a temporary folder. One server per test file
 * (started in beforeAll): a start costs about a second of the two shared cores.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CLICKHOUSE_SERVER = process.env.JOURNEY_CLICKHOUSE_SERVER ?? "/usr/sbin/clickhouse-server";

/** The user with a password that every test server knows (the bad-credentials test uses it). */
export const PASSWORD_USER = { user: "analyst", password: "s3cret-pw" };
/** A user in readonly mode (readonly=1: SELECT only, no setting may change), as analysts often get. */
export const READONLY_USER = { user: "reader", password: "r3ad-only" };

export interface ClickHouseServer {
  url: string;
  httpPort: number;
  tcpPort: number;
  /** Milliseconds from spawn to the first answered /ping. */
  startMs: number;
  /** Runs one statement as `default` over HTTP (settings as URL parameters); resolves to the response body, rejects with the server's message. */
  query(sql: string, settings?: Record<string, string | number>): Promise<string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Fixed ports (a cluster must know its members' ports before they start). */
  httpPort?: number;
  tcpPort?: number;
  /** A cluster named `name` whose shards are one server each, given by TCP port on 127.0.0.1. */
  cluster?: { name: string; shardTcpPorts: readonly number[] };
}

/** Whether the server binary is there and executable (running it to ask would start a server). */
export function clickHouseInstalled(): boolean {
  try {
    accessSync(CLICKHOUSE_SERVER, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A TCP port nobody listens on right now (the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function configXml(dir: string, httpPort: number, tcpPort: number, interserverPort: number, cluster: StartOptions["cluster"]): string {
  const shards = cluster
    ? `<remote_servers><${cluster.name}>${cluster.shardTcpPorts
        .map((port) => `<shard><replica><host>127.0.0.1</host><port>${port}</port></replica></shard>`)
        .join("")}</${cluster.name}></remote_servers>`
    : "<remote_servers/>";
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/server.err.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <interserver_http_port>${interserverPort}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
  ${shards}
</yandex>
`;
}

const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default><readonly><readonly>1</readonly></readonly></profiles>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
    <${PASSWORD_USER.user}><password>${PASSWORD_USER.password}</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></${PASSWORD_USER.user}>
    <${READONLY_USER.user}><password>${READONLY_USER.password}</password><networks><ip>127.0.0.1</ip></networks><profile>readonly</profile><quota>default</quota></${READONLY_USER.user}>
  </users>
</yandex>
`;

async function httpQuery(url: string, sql: string, settings: Record<string, string | number> = {}): Promise<string> {
  const search = new URLSearchParams(Object.entries(settings).map(([key, value]) => [key, String(value)]));
  const response = await fetch(`${url}/?${search}`, { method: "POST", body: sql });
  const body = await response.text();
  if (!response.ok) throw new Error(`ClickHouse ${response.status}: ${body.trim()}\n  in: ${sql.slice(0, 300)}`);
  return body;
}

export async function startClickHouse(options: StartOptions = {}): Promise<ClickHouseServer> {
  // Fixed ports are the caller's (a cluster retries as a whole).
  return options.httpPort !== undefined ? startOnce(options) : retryFailedStart(() => startOnce(options));
}

async function startOnce(options: StartOptions): Promise<ClickHouseServer> {
  const dir = mkdtempSync(join(tmpdir(), "journey-clickhouse-"));
  const httpPort = options.httpPort ?? (await freePort());
  const tcpPort = options.tcpPort ?? (await freePort());
  const interserverPort = await freePort();
  writeFileSync(join(dir, "config.xml"), configXml(dir, httpPort, tcpPort, interserverPort, options.cluster));
  writeFileSync(join(dir, "users.xml"), USERS_XML);

  const started = Date.now();
  const child = spawn(CLICKHOUSE_SERVER, [`--config-file=${join(dir, "config.xml")}`], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  // What the server prints before its logger is set up (a bad config, a folder it cannot make)
  // goes only to its stdout and stderr: the last 4 KB are kept for the error below.
  let printed = "";
  const keep = (chunk: Buffer) => (printed = (printed + chunk.toString("utf8")).slice(-4096));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  // The exit hook below does not run when the test worker is killed; this watchdog does: it ends
  // the server and removes its folder once this process is gone.
  const watchdog = spawn(
    "/bin/sh",
    [
      "-c",
      'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null; rm -rf "$3"',
      "watchdog",
      String(process.pid),
      String(child.pid),
      dir,
    ],
    { stdio: "ignore", detached: true },
  );
  watchdog.unref();
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A test run that dies mid-file must not leave servers behind (the machine is shared).
    process.on("exit", () => {
      for (const server of running) server.kill("SIGKILL");
    });
  }
  let exited: string | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      running.delete(child);
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${httpPort}`;
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const stop = async () => {
    watchdog.kill("SIGKILL");
    if (exited === undefined) {
      child.kill("SIGKILL");
      await exitPromise;
    }
    remove();
  };

  for (;;) {
    if (exited !== undefined) {
      watchdog.kill("SIGKILL");
      const log = [join(dir, "server.err.log"), join(dir, "server.log")]
        .filter(existsSync)
        .map((file) => readFileSync(file, "utf8"))
        .join("\n");
      remove();
      throw new StartFailed(`clickhouse-server ${exited} before answering /ping:\n${printed.trim()}\n${log.slice(-2000)}`);
    }
    if (Date.now() - started > 60_000) {
      await stop();
      throw new Error("clickhouse-server did not answer /ping within 60 s");
    }
    try {
      const response = await fetch(`${url}/ping`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, httpPort, tcpPort, startMs: Date.now() - started, query: (sql, settings) => httpQuery(url, sql, settings), stop };
}

/**
 * Two (or more) servers that all list the same cluster of one shard per server; table creation is
 * left to the test.
 */
export async function startClickHouseCluster(name: string, size: number): Promise<ClickHouseServer[]> {
  return retryFailedStart(() => startClusterOnce(name, size));
}

/** A server that exited before it answered /ping; the message has what it printed and logged. */
class StartFailed extends Error {}

/**
 * A start is tried again, on new ports and in a new folder, up to 3 times when the server exits
 * before answering: a free port is found by binding port 0 and closing it, so another process (a
 * parallel test file) can take it before the server binds it, and a CI machine under the whole
 * suite's load once saw a server exit with 70 and nothing logged. A server that cannot start
 * fails all three the same way, and the last error says why.
 */
async function retryFailedStart<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= 3 || !(error instanceof StartFailed)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

async function startClusterOnce(name: string, size: number): Promise<ClickHouseServer[]> {
  const ports = [] as { http: number; tcp: number }[];
  for (let i = 0; i < size; i++) ports.push({ http: await freePort(), tcp: await freePort() });
  const cluster = { name, shardTcpPorts: ports.map((p) => p.tcp) };
  const servers: ClickHouseServer[] = [];
  try {
    for (const port of ports) servers.push(await startClickHouse({ httpPort: port.http, tcpPort: port.tcp, cluster }));
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
  return servers;
}

export interface EventRow {
  case_id: string;
  activity: string;
  /** As the column type reads it: `YYYY-MM-DD hh:mm:ss` for DateTime, any text for String, a number for Int64. */
  timestamp: string | number;
  /** A `device` column (String, "" when absent) when any row has one: the `--by` tests' segment. */
  device?: string;
}

/** A string as a ClickHouse literal in the tests' own INSERTs (independent of the engine's escaping). */
function literal(value: string | number): string {
  if (typeof value === "number") return String(value);
  // Only the quote, the backslash and control characters escaped: 18.16's VALUES parser reads a
  // DateTime from the raw text and rejects escapes there.
  // eslint-disable-next-line no-control-regex
  return `'${value.replace(/[\\']/g, "\\$&").replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)}'`;
}

/**
 * Creates `table` (MergeTree; `timestampType` DateTime unless given) and inserts the rows through
 * one INSERT. `engine` replaces the MergeTree clause (e.g. a Distributed table over existing ones).
 */
export async function loadEvents(
  server: ClickHouseServer,
  table: string,
  rows: readonly EventRow[],
  options: { timestampType?: string; engine?: string; settings?: Record<string, string | number>; device?: boolean } = {},
): Promise<void> {
  await server.query(`DROP TABLE IF EXISTS ${table}`);
  const device = options.device ?? rows.some((row) => row.device !== undefined);
  await server.query(
    `CREATE TABLE ${table} (case_id String, activity String, timestamp ${options.timestampType ?? "DateTime"}${device ? ", device String" : ""}) ENGINE = ${options.engine ?? "MergeTree() ORDER BY (case_id, timestamp)"}`,
  );
  if (rows.length === 0) return;
  const values = rows
    .map((row) => `(${literal(row.case_id)}, ${literal(row.activity)}, ${literal(row.timestamp)}${device ? `, ${literal(row.device ?? "")}` : ""})`)
    .join(",");
  await server.query(`INSERT INTO ${table} VALUES ${values}`, options.settings);
}
