import { describe, expect, it } from "vitest";
import {
  classifyAgainstThresholds,
  conditionThresholds,
  evaluateCondition,
  measurementResult,
  parseMeasurementValue,
  primaryField,
  primaryNumber,
} from "./index";

// One measurement through the whole module, the way the dashboard and the simulated controller use it.
describe("analysis module", () => {
  const successCondition = "len(result) == 0 || result[0] >= 0.95";

  it.each<[string, boolean, "pass" | "fail" | "unknown"]>([
    ["[0.97]", true, "pass"],
    ["[0.9]", false, "fail"],
    ["[]", true, "unknown"],
  ])("measurement %s", (raw, successful, colour) => {
    const value = parseMeasurementValue(raw);
    expect(evaluateCondition(successCondition, measurementResult(value))).toEqual({
      ok: true,
      value: successful,
    });

    const thresholds = conditionThresholds(successCondition, "success");
    if (!thresholds.drawable) throw new Error(thresholds.reason);
    const applicable = thresholds.lines.filter((line) => line.field === primaryField(value));
    expect(classifyAgainstThresholds(primaryNumber(value), applicable)).toBe(colour);
  });
});
