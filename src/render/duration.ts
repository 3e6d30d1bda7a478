import { formatNumber } from "../i18n/format.js";
import type { Labels } from "../i18n/types.js";

/** `2 d 3 h`, `4 min 10 s`: the two largest units, which is as precise as a median of people's time needs. */
export function duration(seconds: number, labels: Labels): string {
  const units = labels.measured.units;
  const number = (value: number) => formatNumber(labels, value);
  const parts: [number, string][] = [
    [Math.floor(seconds / 86_400), units.d],
    [Math.floor(seconds / 3_600) % 24, units.h],
    [Math.floor(seconds / 60) % 60, units.min],
    [seconds % 60, units.s],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first < 0) return `${number(0)} ${units.s}`;
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${number(value)} ${unit}`)
    .join(" ");
}
