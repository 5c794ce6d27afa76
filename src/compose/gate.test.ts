import { describe, expect, it } from "vitest";
import { StreamGate } from "./gate.js";

const passage = "Call 1 888 353-2846, from 9 h 30 to 20 h, or visit https://www.electionsquebec.qc.ca.";

function run(text: string, cuts: number[]) {
  const shown: string[] = [];
  const aheads: string[] = [];
  const g = new StreamGate([passage], [], (t, ahead) => {
    shown.push(t);
    aheads.push(ahead);
  });
  let last = 0;
  for (const c of [...cuts, text.length]) {
    g.push(text.slice(last, c));
    last = c;
  }
  g.end();
  return { shown: shown.join(""), pieces: shown, aheads, closed: g.isClosed };
}

describe("StreamGate", () => {
  it("releases a word with the whitespace after it, and says what it still holds", () => {
    const r = run("Call us today", [7]);
    expect(r.pieces[0]).toBe("Call ");
    expect(r.aheads[0]).toBe("us");
    expect(r.shown).toBe("Call us today");
  });

  it("never splits a known phone number or time across a chunk that ends on a space", () => {
    for (const text of ["Call 1 888 353-2846 now.", "Open from 9 h 30 to 20 h."]) {
      for (let cut = 1; cut < text.length; cut++) {
        const r = run(text, [cut]);
        expect(r.closed, `${text} cut at ${cut}`).toBe(false);
        expect(r.shown).toBe(text);
      }
    }
  });

  it("shows no digit of an unknown phone number, whatever the chunking", () => {
    const text = "Call 1 877 555-0199 now.";
    for (let cut = 1; cut < text.length; cut++) {
      const r = run(text, [cut]);
      expect(r.closed).toBe(true);
      expect(r.shown).not.toMatch(/\d/);
    }
  });
});
