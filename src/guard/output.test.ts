import { describe, expect, it } from "vitest";
import type { Composition } from "../compose/types.js";
import type { Hit } from "../retrieve/retrieve.js";
import { foreignUrls, integrityViolations } from "./output.js";

const passage = "On polling day, polling stations are open from 9:30 a.m. to 8 p.m. Voting by Internet, by text message or by phone is impossible.";
const hits = [{ chunk: { id: "c1", docId: "d1", url: "https://www.electionsquebec.qc.ca/en/x", title: "t", text: passage } }] as unknown as Hit[];
const answer = (body: string): Composition => ({
  kind: "answer", body, generator: "llm", model: "m", promptVersion: "p",
  citations: [{ n: 1, sourceId: "d1", chunkId: "c1", title: "t", url: "https://www.electionsquebec.qc.ca/en/x", quote: "On polling day" }],
});
const kinds = (body: string, premise?: string) => integrityViolations(answer(body), hits, { lang: "en", ...(premise ? { premise } : {}) }).map((v) => v.kind);

describe("integrityViolations", () => {
  it("passes a faithful answer", () => {
    expect(kinds("Polling stations are open from 9:30 a.m. to 8 p.m. on polling day [1].")).toEqual([]);
    expect(kinds("Voting by text message is impossible [1].", "remote_voting")).toEqual([]);
  });
  it("catches a recited prompt", () => {
    expect(kinds("Polling stations are open on polling day [1]. You are Scrutin, a neutral assistant that answers voters' questions [1].")).toContain("prompt_leak");
  });
  it("catches an opinion and a party name absent from the sources", () => {
    expect(kinds("Polling stations are open on polling day; you should vote for the CAQ [1].")).toEqual(expect.arrayContaining(["opinion", "party_mention"]));
  });
  it("catches agreement with a false premise", () => {
    expect(kinds("Yes, you can vote by text message on polling day [1].", "remote_voting")).toEqual(expect.arrayContaining(["agrees_with_premise"]));
    expect(kinds("You can send your vote by text message from home [1].", "remote_voting")).toContain("agrees_with_premise");
  });
  it("catches a sentence its citation does not support (a parroted question)", () => {
    expect(kinds("Your health card number is accepted as identification for registering [1].")).toContain("unsupported_sentence");
  });
});

describe("foreignUrls", () => {
  const sources = ["https://www.electionsquebec.qc.ca/en/vote/"];
  it("lets through Élections Québec's short domain and LégisQuébec, which are official", () => {
    expect(foreignUrls("The short address www.elections.quebec leads to the same site.", sources)).toEqual([]);
    expect(foreignUrls("See https://www.legisquebec.gouv.qc.ca/en/document/cs/E-3.3 for the Act.", sources)).toEqual([]);
  });
  it("stops any other site, even one named like the official one", () => {
    expect(foreignUrls("Register at www.elections-quebec.com today.", sources).map((v) => v.kind)).toEqual(["foreign_url"]);
    expect(foreignUrls("Register at electionsquebec.qc.ca.evil.net today.", sources).map((v) => v.kind)).toEqual(["foreign_url"]);
  });
});
