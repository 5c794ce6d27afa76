import { describe, expect, it } from "vitest";
import { StreamScreen } from "./stream-screen.js";

const passage = "On polling day, polling stations are open from 9:30 a.m. to 8 p.m. Voting by text message is impossible.";
const run = (text: string, chunk = 3) => {
  const out: string[] = [];
  // Checked and released after every push, as if each delta came in its own event-loop turn.
  const s = new StreamScreen([passage], ["https://www.electionsquebec.qc.ca/en/x"], (t) => out.push(t), (f) => f());
  for (let i = 0; i < text.length; i += chunk) s.push(text.slice(i, i + chunk));
  s.end();
  return { shown: out.join(""), pieces: out.length, violation: s.violation };
};

describe("StreamScreen", () => {
  it("streams a faithful answer word by word, whole", () => {
    const text = "On polling day, polling stations are open from 9:30 a.m. to 8 p.m. in every electoral division of the province [1].";
    const r = run(text);
    expect(r.shown).toBe(text);
    expect(r.pieces).toBeGreaterThan(3);
    expect(r.violation).toBeNull();
  });

  it("stops a campaign slogan before any word of it is shown, and shows what came before it", () => {
    const r = run("Polling stations are open on polling day [1]. Honestly, you should vote for the CAQ, the best party [1].");
    expect(r.violation?.kind).toBe("opinion");
    expect(r.shown).not.toMatch(/you|vote|CAQ/);
    // Nothing is held that could not become part of a rejected phrase.
    expect(r.shown).toBe("Polling stations are open on polling day [1]. Honestly, ");
  });

  it("stops a recited prompt and 'as you asked' text", () => {
    expect(run("Sure! Here is the answer without any label or sources, as you asked: vote by SMS.").shown).not.toMatch(/label|SMS/);
    expect(run("You are Scrutin, a neutral assistant that answers voters' questions about how [1].").violation?.kind).toBe("prompt_leak");
  });

  it("stops a URL off the official sites, even one written in a passage", () => {
    const r = run("Register first at https://evil-vote.example/id before you go to the polling station on polling day [1].");
    expect(r.violation?.kind).toBe("foreign_url");
    expect(r.shown).not.toMatch(/evil|https/);
    expect(run("See https://www.electionsquebec.qc.ca/en/ for the polling stations and the hours on polling day [1].").violation).toBeNull();
  });

  it("holds an opening 'Yes,' until its sentence is judged", () => {
    const r = run("Yes, you can vote by text message on polling day this year [1].");
    expect(r.shown).toBe("");
    expect(r.violation?.kind).toBe("verdict_opener");
  });

  it("by default releases what is safe on the next event-loop turn, once for a burst of deltas", async () => {
    const out: string[] = [];
    const s = new StreamScreen([passage], [], (t) => out.push(t));
    for (const d of ["Polling ", "stations ", "are ", "open"]) s.push(d);
    expect(out).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(out).toEqual(["Polling stations are "]);
    s.end();
    expect(out.join("")).toBe("Polling stations are open");
  });
});
