export type {
  BinaryOp,
  ConditionError,
  ConditionParseResult,
  EvaluationResult,
  ExprNode,
} from "./expression";
export { evaluateCondition, parseCondition } from "./expression";
export type { MeasurementValue } from "./measurement-value";
export {
  measurementResult,
  parseGoFloat,
  parseMeasurementValue,
  primaryField,
  primaryNumber,
} from "./measurement-value";
export type { FlaggerQueryVars, RenderedQuery } from "./render-query";
export {
  flaggerIstioBuiltinQuery,
  flaggerTrimQuery,
  renderArgoQuery,
  renderFlaggerQuery,
} from "./render-query";
export type { ThresholdLine, ThresholdOp, ThresholdResult, ThresholdSide } from "./threshold-lines";
export {
  classifyAgainstThresholds,
  flaggerBuiltinThreshold,
  flaggerMetricThresholds,
  flaggerThresholds,
  thresholdLabels,
} from "./threshold-lines";
export { conditionThresholds } from "./thresholds";
