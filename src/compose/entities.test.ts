import { describe, expect, it } from "vitest";
import { extractEntities } from "./entities.js";

const urls = (t: string) => extractEntities(t).filter((e) => e.kind === "url").map((e) => e.raw);

describe("extractEntities: links", () => {
  it("finds links written with a scheme or www", () => {
    expect(urls("See https://www.electionsquebec.qc.ca/en/vote/ or www.elections.quebec.")).toEqual(["https://www.electionsquebec.qc.ca/en/vote/", "www.elections.quebec"]);
  });
  it("finds a bare domain a voter could type, with or without a path", () => {
    expect(urls("Register at vote-quebec.com today.")).toEqual(["vote-quebec.com"]);
    expect(urls("Inscrivez-vous sur Quebec-Vote.ca/inscription, c'est rapide.")).toEqual(["Quebec-Vote.ca/inscription"]);
    expect(urls("Online services are at pes.electionsquebec.qc.ca.")).toEqual(["pes.electionsquebec.qc.ca"]);
  });
  it("does not take an e-mail's domain, a file name or an abbreviation for a link", () => {
    expect(urls("Écrivez à info@electionsquebec.qc.ca.")).toEqual([]);
    expect(urls("The page index.php, a M.Sc degree, 9 a.m., e.g. this. Fin.Le début")).toEqual([]);
  });
});

describe("sourceEntityKeys: a source's entities, kept between turns", () => {
  it("gives the keys extractEntities finds, once each, and the same answer when asked again", async () => {
    const { sourceEntityKeys, entityKey } = await import("./entities.js");
    const passage = "Call 1-888-353-2846 or see www.electionsquebec.qc.ca. Polls open 9:30 to 20 h on Monday, October 5; 9:30 again.";
    const expected = [...new Set(extractEntities(passage).map(entityKey))];
    expect(expected).toEqual(expect.arrayContaining(["phone:8883532846", "url:electionsquebec.qc.ca", "dayOrMonth:monday", "dayOrMonth:october"]));
    expect(sourceEntityKeys(passage)).toEqual(expected);
    expect(sourceEntityKeys(passage)).toEqual(expected);
    expect(sourceEntityKeys("No figure here.")).toEqual([]);
  });
});
