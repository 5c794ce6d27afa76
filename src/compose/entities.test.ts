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
