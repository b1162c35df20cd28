import { describe, expect, it } from "vitest";
import { containBidi, isolate } from "./bidi-isolate";

const FSI = "\u2068";
const PDI = "\u2069";
const LRI = "\u2066";
const RLI = "\u2067";
const RLE = "\u202B";
const PDF = "\u202C";
const RLO = "\u202E";
const PS = "\u2029"; // PARAGRAPH SEPARATOR

/**
 * Checks `s` = FSI … PDI the way the bidi algorithm pairs controls (UAX #9 X5a–X7, BD8/BD9): the
 * opening FSI must be closed by the final PDI and by nothing before it, and nothing may be left open
 * at the end of the text. Returns what went wrong, or undefined.
 */
function isolationProblem(s: string): string | undefined {
  const chars = [...s];
  if (chars[0] !== FSI || chars[chars.length - 1] !== PDI) return "not wrapped in FSI … PDI";
  // The outer isolate is entry 0 of the stack; it lives until a paragraph separator.
  let stack: Array<"isolate" | "embedding"> = ["isolate"];
  let outerOpen = true;
  for (const [i, ch] of chars.entries()) {
    if (i === 0) continue;
    const last = i === chars.length - 1;
    if (ch === "\u202A" || ch === RLE || ch === "\u202D" || ch === RLO) stack.push("embedding");
    else if (ch === LRI || ch === RLI || ch === FSI) stack.push("isolate");
    else if (ch === PDF) {
      if (stack[stack.length - 1] === "embedding") stack.pop();
    } else if (ch === PDI) {
      const at = stack.lastIndexOf("isolate");
      if (at < 0) continue;
      if (at === 0 && outerOpen && !last) return `the outer isolate is closed early, at ${i}`;
      stack = stack.slice(0, at);
    } else if (ch === "\n" || ch === "\r" || ch === PS) {
      stack = [];
      outerOpen = false;
    }
  }
  return stack.length === 0 ? undefined : `left open at the end: ${stack.join(", ")}`;
}

describe("isolate", () => {
  it("wraps plain text in FSI … PDI and leaves it otherwise as it is", () => {
    expect(isolate("myapp")).toBe(`${FSI}myapp${PDI}`);
    expect(containBidi("argoproj/rollouts-demo:yellow")).toBe("argoproj/rollouts-demo:yellow");
    expect(isolate("")).toBe(`${FSI}${PDI}`);
    expect(isolate(undefined)).toBeUndefined();
  });

  it("closes an override the text leaves open, inside the isolate", () => {
    expect(isolate(`evil${RLO}gnp.exe`)).toBe(`${FSI}evil${RLO}gnp.exe${PDF}${PDI}`);
    expect(isolate(`${RLI}abc`)).toBe(`${FSI}${RLI}abc${PDI}${PDI}`);
  });

  it("drops a PDI that would close the isolate early and let the override after it loose", () => {
    expect(isolate(`a${PDI}${RLO}b`)).toBe(`${FSI}a${RLO}b${PDF}${PDI}`);
  });

  it("keeps controls that pair up, and a PDI ends the embeddings opened inside its isolate", () => {
    expect(containBidi(`${RLI}abc${PDI} ${RLE}x${PDF}`)).toBe(`${RLI}abc${PDI} ${RLE}x${PDF}`);
    expect(containBidi(`${LRI}a${RLO}b${PDI}c`)).toBe(`${LRI}a${RLO}b${PDI}c`);
  });

  it("drops a PDF that has no embedding of its own to close", () => {
    expect(containBidi(`${RLO}a${LRI}b${PDF}c`)).toBe(`${RLO}a${LRI}bc${PDI}${PDF}`);
    expect(containBidi(`a${PDF}b`)).toBe("ab");
  });

  it("treats a paragraph separator as the end of everything opened before it", () => {
    expect(containBidi(`${RLO}a${PS}${RLO}b`)).toBe(`${RLO}a${PS}${RLO}b${PDF}`);
    expect(containBidi(`${LRI}a\n${PDI}b`)).toBe(`${LRI}a\nb`);
  });

  it("holds for any mix of controls and text (seeded)", () => {
    const alphabet = ["a", "ב", "1", " ", "\u202A", RLE, PDF, "\u202D", RLO, LRI, RLI, FSI, PDI, PS, "\n"];
    let seed = 42;
    const next = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    for (let n = 0; n < 2000; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(next() * 12) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join("");
      expect(isolationProblem(isolate(text)), JSON.stringify(text)).toBeUndefined();
    }
  });
});
