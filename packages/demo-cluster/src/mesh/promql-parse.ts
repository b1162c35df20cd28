// Parses the PromQL the simulated controllers send, as far as the mesh can answer it: numbers,
// + - * /, comparisons used as filters, `unless`, sum / sum by (…), rate / irate / increase over the
// Istio metrics, and histogram_quantile. Anything else is a parse error, never a guess.
export type Sample = { labels: Record<string, string>; value: number };
export type Value = { kind: "scalar"; value: number } | { kind: "vector"; samples: Sample[] };
export type Node =
  | { t: "num"; value: number }
  | { t: "neg"; arg: Node }
  | { t: "bin"; op: string; left: Node; right: Node }
  | { t: "sum"; by: string[] | undefined; arg: Node }
  | { t: "range"; fn: "rate" | "irate" | "increase"; metric: string; matchers: Matcher[]; seconds: number }
  | { t: "hq"; q: Node; arg: Node };
export type Matcher = { label: string; op: "=" | "!=" | "=~" | "!~"; value: string };

const METRICS = new Set([
  "istio_requests_total",
  "istio_request_duration_milliseconds_bucket",
  "istio_request_duration_milliseconds_sum",
  "istio_request_duration_milliseconds_count",
]);

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|("(?:[^"\\]|\\.)*")|([A-Za-z_:][A-Za-z0-9_:]*)|(==|!=|=~|!~|>=|<=|[-+*/(){}[\],=<>]))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m)
      throw new Error(
        `unexpected character at position ${pos}: ${JSON.stringify(text.slice(pos, pos + 12))}`,
      );
    tokens.push((m[1] ?? m[2] ?? m[3] ?? m[4]) as string);
    pos = TOKEN.lastIndex;
  }
  return tokens;
}

function parseDuration(text: string): number {
  let total = 0;
  let rest = text;
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
  while (rest.length > 0) {
    const m = /^(\d+)(ms|s|m|h|d)/.exec(rest);
    if (!m) throw new Error(`bad duration "${text}"`);
    total += Number(m[1]) * (unit[m[2] as string] ?? 0);
    rest = rest.slice(m[0].length);
  }
  if (total <= 0) throw new Error(`bad duration "${text}"`);
  return total;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: string[]) {}

  parse(): Node {
    const node = this.unless();
    if (this.i < this.tokens.length) throw new Error(`unexpected "${this.tokens[this.i]}"`);
    return node;
  }

  private peek(): string | undefined {
    return this.tokens[this.i];
  }

  private take(expected?: string): string {
    const token = this.tokens[this.i++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(
        `expected ${expected ?? "more input"}, found ${token === undefined ? "the end" : `"${token}"`}`,
      );
    }
    return token;
  }

  private binary(next: () => Node, ops: string[]): Node {
    let left = next();
    while (ops.includes(this.peek() ?? "")) {
      const op = this.take();
      left = { t: "bin", op, left, right: next() };
    }
    return left;
  }

  private unless = (): Node => this.binary(this.comparison, ["unless"]);
  private comparison = (): Node => this.binary(this.additive, ["==", "!=", ">", "<", ">=", "<="]);
  private additive = (): Node => this.binary(this.multiplicative, ["+", "-"]);
  private multiplicative = (): Node => this.binary(this.unary, ["*", "/"]);

  private unary = (): Node => {
    if (this.peek() === "-") {
      this.take();
      return { t: "neg", arg: this.unary() };
    }
    return this.primary();
  };

  private primary(): Node {
    const token = this.take();
    if (/^\d/.test(token)) return { t: "num", value: Number(token) };
    if (token === "(") {
      const inner = this.unless();
      this.take(")");
      return inner;
    }
    if (token === "sum") {
      let by = this.peek() === "by" ? this.labelList() : undefined;
      this.take("(");
      const arg = this.unless();
      this.take(")");
      if (!by && this.peek() === "by") by = this.labelList();
      return { t: "sum", by, arg };
    }
    if (token === "rate" || token === "irate" || token === "increase") {
      this.take("(");
      const metric = this.take();
      if (!METRICS.has(metric)) throw new Error(`the simulated mesh has no metric ${metric}`);
      const matchers = this.peek() === "{" ? this.matchers() : [];
      this.take("[");
      let duration = "";
      while (this.peek() !== "]") duration += this.take();
      this.take("]");
      this.take(")");
      return { t: "range", fn: token, metric, matchers, seconds: parseDuration(duration) };
    }
    if (token === "histogram_quantile") {
      this.take("(");
      const q = this.unless();
      this.take(",");
      const arg = this.unless();
      this.take(")");
      return { t: "hq", q, arg };
    }
    throw new Error(`unsupported expression at "${token}"`);
  }

  private labelList(): string[] {
    this.take("by");
    this.take("(");
    const labels: string[] = [];
    while (this.peek() !== ")") {
      labels.push(this.take());
      if (this.peek() === ",") this.take(",");
    }
    this.take(")");
    return labels;
  }

  private matchers(): Matcher[] {
    this.take("{");
    const out: Matcher[] = [];
    while (this.peek() !== "}") {
      const label = this.take();
      const op = this.take();
      if (op !== "=" && op !== "!=" && op !== "=~" && op !== "!~")
        throw new Error(`bad matcher operator "${op}"`);
      const quoted = this.take();
      if (!quoted.startsWith('"')) throw new Error(`expected a quoted value for ${label}`);
      out.push({ label, op, value: JSON.parse(quoted) as string });
      if (this.peek() === ",") this.take(",");
    }
    this.take("}");
    return out;
  }
}

export function parsePromql(text: string): Node {
  return new Parser(tokenize(text)).parse();
}
