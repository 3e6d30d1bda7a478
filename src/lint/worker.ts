import { parentPort, workerData } from "node:worker_threads";
import type { ProjectConfig } from "../config/types.js";
import { checkOne, type RunOptions } from "./run-files.js";

// A worker thread of checkFiles: checks its chunk of files and sends back the slim results.
const { files, config, options } = workerData as { files: string[]; config: ProjectConfig; options: RunOptions };
parentPort!.postMessage(files.map((file) => checkOne(file, config, options)));
