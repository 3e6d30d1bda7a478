// Writes examples/events/cat-fountain-purchase.csv: a small, made-up event log for the example
// journey examples/cat-fountain-purchase.journey.yaml, for trying `journey analyze`. The
// generator is seeded, so running it again writes the same file:
//   node examples/events/generate.mjs
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let state = 20260301;
const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const chance = (p) => random() < p;
const seconds = (min, max) => Math.round(min + random() * (max - min));

const rows = [];
let clock = Date.UTC(2026, 2, 1, 8);
for (let n = 1; n <= 90; n++) {
  const id = `visitor-${String(n).padStart(3, "0")}`;
  let time = (clock += seconds(600, 7200) * 1000); // a new visitor every 10 minutes to 2 hours
  const event = (activity, after = [5, 120]) => rows.push([id, activity, new Date((time += seconds(...after) * 1000)).toISOString().replace(".000Z", "Z")]);
  event("ad_impression", [0, 0]);
  if (!chance(0.8)) continue;
  event("ad_click", [2, 40]);
  event("page_view:/products/fountain");
  if (chance(0.3)) event("page_view:/products/fountain", [1, 5]); // a reload: one visit
  if (chance(0.15)) event("session_heartbeat", [30, 60]);
  if (chance(0.75)) event("discount_popup_shown", [3, 20]);
  if (chance(0.5)) event("discount_email_submitted", [10, 40]);
  if (chance(0.6)) {
    event("page_view:/faq", [20, 90]);
    if (chance(0.4)) event("page_view:/products/fountain", [10, 60]); // back to the product
  }
  if (chance(0.2)) event("page_view:/cart", [10, 30]);
  if (!chance(0.6)) continue;
  event("order_placed", [60, 400]);
  event("order_confirmed", [1, 3]);
  event("packs-order", [3600, 20000]);
  event("email_sent:thank_you", [60, 600]);
  if (chance(0.7)) event("email_sent:review_request", [86400 * 13, 86400 * 15]);
  if (chance(0.3)) {
    event("shares-referral", [3600, 86400 * 3]);
    if (chance(0.5)) event("friend-buys", [3600, 86400 * 5]);
  }
}
// Rows a real export has: an event without a session, and one whose time did not survive.
rows.push(["", "ad_click", "2026-03-02T10:00:00Z"], ["visitor-007", "ad_click", "not recorded"]);

const csv = ["case_id,activity,timestamp", ...rows.map((row) => row.map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(","))].join("\n") + "\n";
writeFileSync(join(dirname(fileURLToPath(import.meta.url)), "cat-fountain-purchase.csv"), csv);
console.log(`${rows.length} rows`);
