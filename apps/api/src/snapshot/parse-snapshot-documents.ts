// The objects in one snapshot file's text: every document of a multi-document YAML stream, or the
// JSON value, with `List` kinds (what `kubectl get -o yaml` writes) unwrapped. Throws on a document
// that cannot be read, with a message naming the problem. Parsing stays bounded: aliases may not
// expand into more than a little data, and documents may not nest deeper than real objects do.
import { Composer, type CST, LineCounter, Parser } from "yaml";
import { jsonNestingDepth, yamlNestingDepth } from "./nesting-depth";

// kubectl never writes YAML aliases; a few are allowed for hand-written files, but not the thousands
// an alias-expansion ("billion laughs") file needs to turn kilobytes into gigabytes.
const maxYamlAliases = 100;
// Real objects nest a few dozen levels (a CRD's schema is among the deepest). The YAML composer
// recurses per level and runs out of stack near 800, which must never be reached.
const maxNesting = 200;

function tooDeep(): Error {
  return new Error(`it nests more than ${maxNesting} levels deep, deeper than any Kubernetes object`);
}

function unwrapLists(doc: unknown): unknown[] {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return [];
  const { kind, items } = doc as { kind?: unknown; items?: unknown };
  if (typeof kind === "string" && kind.endsWith("List") && Array.isArray(items))
    return items.flatMap(unwrapLists);
  return [doc];
}

function parseJson(text: string): unknown[] {
  const value: unknown = JSON.parse(text);
  if (jsonNestingDepth(value, maxNesting) > maxNesting) throw tooDeep();
  return unwrapLists(value);
}

/** The parser's top-level tokens (one per document), each refused before it is composed if too deep. */
function* depthChecked(tokens: Iterable<CST.Token>): Generator<CST.Token> {
  for (const token of tokens) {
    if (yamlNestingDepth(token, maxNesting) > maxNesting) throw tooDeep();
    yield token;
  }
}

function parseYaml(text: string): unknown[] {
  const lines = new LineCounter();
  // The parser builds its syntax tree without recursion; the composer, which recurses per level, only
  // sees documents whose depth has been checked. One document at a time is held in either form.
  const tokens = depthChecked(new Parser(lines.addNewLine).parse(text));
  const objects: unknown[] = [];
  for (const doc of new Composer().compose(tokens)) {
    const error = doc.errors[0];
    if (error) {
      const at = lines.linePos(error.pos[0]);
      throw new Error(`${error.message} (line ${at.line}, column ${at.col})`);
    }
    // A loop, not push(...): a List of a few hundred thousand items would overflow the argument stack.
    for (const object of unwrapLists(doc.toJS({ json: true, maxAliasCount: maxYamlAliases })))
      objects.push(object);
  }
  return objects;
}

export function parseSnapshotDocuments(text: string, format: "json" | "yaml"): unknown[] {
  return format === "json" ? parseJson(text) : parseYaml(text);
}
