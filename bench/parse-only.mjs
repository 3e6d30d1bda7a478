// The floor for `journey lint` throughput: read every journey file below a folder and parse it
// with yaml's parseDocument and a LineCounter, as journey does, and nothing else.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";

let documents = 0;
const pending = [process.argv[2]];
while (pending.length > 0) {
  const dir = pending.pop();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pending.push(path);
    else if (entry.name.endsWith(".journey.yaml")) {
      const lineCounter = new LineCounter();
      parseDocument(readFileSync(path, "utf8"), { lineCounter });
      documents++;
    }
  }
}
process.stdout.write(`${documents} documents\n`);
