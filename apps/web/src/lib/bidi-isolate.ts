// Text from a cluster (names, messages, images, errors…) may carry Unicode bidirectional controls,
// e.g. U+202E RIGHT-TO-LEFT OVERRIDE, which would otherwise reorder the text Rollscope writes beside
// it. Such text is shown in its own bidi isolate: rendered as markup, inside <ClusterText> (a <bdi>);
// composed into a string first (titles, <option> text, SVG titles, chart labels, toasts, notes), wrapped
// by `isolate` in U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE. aria-labels are left
// as they are: they are spoken, not drawn, so nothing in them is reordered on screen.

const FSI = "\u2068";
const PDI = "\u2069";
const PDF = "\u202C";
const embeddings = new Set(["\u202A", "\u202B", "\u202D", "\u202E"]); // LRE, RLE, LRO, RLO
const isolates = new Set(["\u2066", "\u2067", FSI]); // LRI, RLI, FSI
/** Paragraph separators (bidi class B): every embedding and isolate ends at one. */
const paragraphEnds = new Set(["\n", "\r", "\u001C", "\u001D", "\u001E", "\u0085", "\u2029"]);

/**
 * `text` with its bidi controls made self-contained, so it cannot reach outside an isolate: a U+2069
 * that closes nothing the text opened is dropped (it would close the enclosing isolate, element or
 * string, and let what follows loose), as is a U+202C that closes nothing (ignored anyway); whatever
 * the text leaves open is closed at its end. Text without such controls comes back unchanged.
 */
export function containBidi(text: string): string {
  let out = "";
  let open: Array<"embedding" | "isolate"> = [];
  for (const ch of text) {
    if (embeddings.has(ch)) open.push("embedding");
    else if (isolates.has(ch)) open.push("isolate");
    else if (ch === PDF) {
      // A PDF inside an isolate that opened no embedding is ignored by the algorithm; drop it.
      if (open[open.length - 1] !== "embedding") continue;
      open.pop();
    } else if (ch === PDI) {
      const at = open.lastIndexOf("isolate");
      if (at < 0) continue;
      open = open.slice(0, at); // also ends the embeddings opened inside that isolate
    } else if (paragraphEnds.has(ch)) open = [];
    out += ch;
  }
  for (let i = open.length - 1; i >= 0; i--) out += open[i] === "isolate" ? PDI : PDF;
  return out;
}

/**
 * Cluster text for a plain string: in its own isolate, its direction taken from its first strong
 * letter. Nothing stays nothing, so an absent title stays absent.
 */
export function isolate(text: string): string;
export function isolate(text: string | undefined): string | undefined;
export function isolate(text: string | undefined): string | undefined {
  return text === undefined ? undefined : `${FSI}${containBidi(text)}${PDI}`;
}
