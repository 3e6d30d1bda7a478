import { afterAll } from "vitest";
import { removeTempProjects } from "./helpers/index.js";

// Every test file removes the temporary projects it made.
afterAll(removeTempProjects);
