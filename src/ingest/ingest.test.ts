import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import matter from "gray-matter";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./commands.js";
import { parseDocument } from "./load.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../tests/fixtures/ingest");
const fixture = (name: string) => path.join(FIXTURES, name);
const NOW = new Date("2026-11-23T15:00:00Z");

let corpus: string;
let out: string[];
let err: string[];

/** Runs `npm run corpus -- …` in-process against a temporary corpus directory. */
async function corpusCli(...args: string[]): Promise<number> {
  return runCli([...args, "--corpus", corpus], { env: {}, out: (l) => out.push(l), err: (l) => err.push(l), now: NOW });
}

/** Every file under the temporary corpus directory, relative to it. */
async function filesWritten(): Promise<string[]> {
  const entries = await readdir(corpus, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(corpus, path.join(e.parentPath, e.name))).sort();
}

async function readDraft(rel: string) {
  const text = await readFile(path.join(corpus, "drafts", rel), "utf8");
  const { data, content } = matter(text, {});
  // YAML reads bare dates as Date objects; compare them as the YYYY-MM-DD written in the file.
  const plain: unknown = JSON.parse(JSON.stringify(data), (_k, v: unknown) => (typeof v === "string" ? v.replace(/^(\d{4}-\d{2}-\d{2})T00:00:00\.000Z$/, "$1") : v));
  return { text, data: plain, content };
}

beforeEach(async () => {
  corpus = await mkdtemp(path.join(tmpdir(), "corpus-ingest-"));
  out = [];
  err = [];
});
afterEach(() => rm(corpus, { recursive: true, force: true }));

describe("ingest of saved official pages", () => {
  it("turns an Élections Québec page into a French draft without navigation, cookie banner or footer", async () => {
    expect(await corpusCli("ingest", fixture("electionsquebec-voter-sans-piece.html"), "--slug", "voting-without-id")).toBe(0);
    expect(await filesWritten()).toEqual(["drafts/fr/voting-without-id.md"]);
    const { text, data, content } = await readDraft("fr/voting-without-id.md");
    expect(data).toMatchObject({
      id: "voting-without-id-fr",
      lang: "fr",
      title: "Voter sans pièce d’identité",
      source_url: "https://www.electionsquebec.qc.ca/?p=2597",
      source_date: "2026-02-23",
      verified_at: null,
      topics: [],
      translation: "voting-without-id-en",
      scope: "provincial",
      draft: { ingested_from: fixture("electionsquebec-voter-sans-piece.html"), ingested_at: "2026-11-23" },
    });
    // Headings, lists and the article's own text survive.
    expect(content).toMatch(/^# Voter sans pièce d’identité\n/m);
    expect(content).toContain("## Les pièces d’identité acceptées\n\nAu bureau de vote, présentez l’une des cinq pièces suivantes :\n\n- votre permis de conduire du Québec;\n- votre carte d’assurance maladie du Québec;");
    expect(content).toContain("## Si vous n’avez aucune de ces pièces");
    expect(content).toContain("1. présenter deux documents à votre nom, dont un avec votre photo;");
    expect(content).toContain("### Exemples de documents");
    expect(content).toContain("[Nous joindre](https://www.electionsquebec.qc.ca/nous-joindre/)");
    // A collapsed accordion (question in a button, answer in a hidden panel) is content too.
    expect(content).toContain("### Dois-je apporter mon avis d’inscription pour voter?\n\nNon. L’avis d’inscription n’est pas obligatoire pour voter,");
    // Site chrome does not.
    for (const chrome of ["témoins", "cookies", "Accepter", "Passer au contenu", "Menu principal", "Comprendre les élections", "Accueil", "›", "Rechercher", "Partager", "Facebook", "Dans la même section", "Plan du site", "Tous droits réservés", "1045, avenue"]) {
      expect(text, chrome).not.toContain(chrome);
    }
    // The draft marker keeps it out of the served corpus even if it is moved there unreviewed.
    expect(() => parseDocument("corpus/fr/voting-without-id.md", text)).toThrow(/draft: this is an unreviewed draft/);
    expect(out.join("\n")).toContain(path.join(corpus, "drafts/fr/voting-without-id.md"));
  });

  it("detects English, takes og:url as the source and the slug from its path", async () => {
    expect(await corpusCli("ingest", fixture("electionsquebec-advance-polls-en.html"))).toBe(0);
    const { text, data, content } = await readDraft("en/where-and-when-to-vote.md");
    expect(data).toMatchObject({ id: "where-and-when-to-vote-en", lang: "en", translation: "where-and-when-to-vote-fr", source_url: "https://www.electionsquebec.qc.ca/en/vote/where-and-when-to-vote/", source_date: "2025-09-15" });
    expect(content).toContain("## Advance polls\n\nAdvance polls are held on the Sunday and the Monday");
    expect(content).toContain("- your Canadian passport");
    for (const chrome of ["cookies", "Accept", "Home", "Understand elections", "Privacy", "Français"]) expect(text, chrome).not.toContain(chrome);
  });

  it("turns an official PDF into a draft with its headings and list, given the address it came from", async () => {
    const url = "https://www.electionsquebec.qc.ca/documents/pdf/guide-electeur.pdf";
    expect(await corpusCli("ingest", fixture("electionsquebec-guide-electeur.pdf"), "--source-url", url, "--slug", "voter-guide")).toBe(0);
    const { data, content } = await readDraft("fr/voter-guide.md");
    expect(data).toMatchObject({ title: "Guide de l’électeur : voter au Québec", lang: "fr", source_url: url, source_date: "2026-02-23" });
    expect(content).toContain("## Êtes-vous inscrit sur la liste électorale?\n\nPour voter, votre nom doit figurer sur la liste électorale à l’adresse de votre domicile. Au début de la période électorale,");
    expect(content).toContain("présentez à visage découvert l’une des cinq pièces suivantes :\n- votre permis de conduire du Québec;\n- votre carte d’assurance maladie du Québec;");
    expect(content).toContain("## Les heures d’ouverture le jour de l’élection\n\nLe jour de l’élection, les bureaux de vote sont ouverts de 9 h 30 à 20 h.");
    // The running footer (page furniture) is dropped.
    expect(content).not.toContain("page 1");
  });

  it("reads a Markdown source with its front matter", async () => {
    const md = path.join(corpus, "notes.md");
    await writeFile(md, "---\nsource_url: https://www.elections.quebec/en/understand/\nlang: en\ndate: 2026-03-01\n---\n# How elections work\n\n## Fixed dates\n\nGeneral elections are held on the first Monday of October every four years.\n");
    expect(await corpusCli("ingest", md, "--slug", "election-dates")).toBe(0);
    const { data, content } = await readDraft("en/election-dates.md");
    expect(data).toMatchObject({ title: "How elections work", source_url: "https://www.elections.quebec/en/understand/", source_date: "2026-03-01" });
    expect(content).toContain("## Fixed dates\n\nGeneral elections are held");
  });

  it("refuses a page from a domain outside the allowlist, even with an official --source-url, and writes nothing", async () => {
    expect(await corpusCli("ingest", fixture("not-official-news-site.html"))).toBe(1);
    expect(await corpusCli("ingest", fixture("not-official-news-site.html"), "--source-url", "https://www.electionsquebec.qc.ca/?p=1")).toBe(1);
    expect(err[0]).toContain("Nothing was written.");
    expect(err[0]).toContain(
      "refused: https://www.lequotidienregional.example/actualites/elections-tout-savoir-pour-voter (the address the page declares as its own) is not on an allowlisted official domain (electionsquebec.qc.ca, elections.quebec, legisquebec.gouv.qc.ca)",
    );
    expect(await filesWritten()).toEqual([]);
  });

  it("accepts that domain once it is allowlisted (CORPUS_ALLOWED_DOMAINS or --allow)", async () => {
    expect(await corpusCli("ingest", fixture("not-official-news-site.html"), "--allow", "lequotidienregional.example")).toBe(0);
    expect(await filesWritten()).toEqual(["drafts/fr/elections-tout-savoir-pour-voter.md"]);
  });

  it("refuses a saved file that names no official address, telling how to give one", async () => {
    expect(await corpusCli("ingest", fixture("electionsquebec-guide-electeur.pdf"))).toBe(1);
    expect(err.join("\n")).toMatch(/has no official source URL .*: pass --source-url https:\/\/www\.electionsquebec\.qc\.ca\//);
    expect(await corpusCli("ingest", fixture("electionsquebec-guide-electeur.pdf"), "--source-url", "https://example.org/guide.pdf")).toBe(1);
    expect(err.at(-1)).toContain("refused: https://example.org/guide.pdf (given with --source-url) is not on an allowlisted official domain");
    expect(await filesWritten()).toEqual([]);
  });

  it.each([
    ["broken.pdf", /broken\.pdf: is not a readable PDF \(Invalid PDF structure\.\); download it again/],
    ["broken-truncated.html", /broken-truncated\.html: no readable text found in the page \(is the file complete/],
  ])("gives a clear error for %s and writes nothing", async (name, message) => {
    expect(await corpusCli("ingest", fixture(name), "--source-url", "https://www.electionsquebec.qc.ca/?p=1")).toBe(1);
    expect(err.join("\n")).toMatch(message);
    expect(await filesWritten()).toEqual([]);
  });

  it("gives a clear error for an empty file", async () => {
    const empty = path.join(corpus, "empty.html");
    await writeFile(empty, "");
    expect(await corpusCli("ingest", empty, "--source-url", "https://www.electionsquebec.qc.ca/?p=1")).toBe(1);
    expect(err.join("\n")).toContain(`${empty}: is empty`);
  });

  it("writes nothing from a directory unless every source in it succeeds, and lists every failure", async () => {
    expect(await corpusCli("ingest", FIXTURES)).toBe(1);
    const report = err.join("\n");
    expect(report).toContain("Nothing was written. 4 source(s) failed:");
    for (const name of ["broken-truncated.html", "broken.pdf", "electionsquebec-guide-electeur.pdf", "not-official-news-site.html"]) expect(report).toContain(fixture(name));
    expect(await filesWritten()).toEqual([]);
  });

  it("ingests a whole directory of good sources at once", async () => {
    const dir = path.join(corpus, "saved");
    await mkdir(dir);
    for (const name of ["electionsquebec-voter-sans-piece.html", "electionsquebec-advance-polls-en.html"]) await copyFile(fixture(name), path.join(dir, name));
    expect(await corpusCli("ingest", dir)).toBe(0);
    expect((await filesWritten()).filter((f) => f.startsWith("drafts"))).toEqual(["drafts/en/where-and-when-to-vote.md", "drafts/fr/voter-sans-piece-d-identite.md"]);
  });

  it("never overwrites an existing draft without --force", async () => {
    const page = fixture("electionsquebec-voter-sans-piece.html");
    expect(await corpusCli("ingest", page, "--slug", "voting-without-id")).toBe(0);
    const draft = path.join(corpus, "drafts/fr/voting-without-id.md");
    await writeFile(draft, "reviewer's edits");
    expect(await corpusCli("ingest", page, "--slug", "voting-without-id")).toBe(1);
    expect(err.at(-1)).toBe(`Nothing was written: would overwrite ${draft} (pass --force to replace it)`);
    expect(await readFile(draft, "utf8")).toBe("reviewer's edits");
    expect(await corpusCli("ingest", page, "--slug", "voting-without-id", "--force")).toBe(0);
    expect(await readFile(draft, "utf8")).toContain("# Voter sans pièce d’identité");
  });

  it("writes to --out instead of the drafts directory", async () => {
    const dest = path.join(corpus, "elsewhere");
    expect(await corpusCli("ingest", fixture("electionsquebec-advance-polls-en.html"), "--out", dest)).toBe(0);
    expect(await filesWritten()).toEqual(["elsewhere/en/where-and-when-to-vote.md"]);
  });
});

describe("ingest of URLs", () => {
  let server: Server;
  let base: string;
  let requests: string[];

  beforeAll(async () => {
    const page = await readFile(fixture("electionsquebec-voter-sans-piece.html"));
    const pdf = await readFile(fixture("electionsquebec-guide-electeur.pdf"));
    server = createServer((req, res) => {
      requests.push(req.url ?? "");
      if (req.url === "/voter-sans-piece") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
      else if (req.url === "/guide.pdf") res.writeHead(200, { "content-type": "application/pdf", "last-modified": "Mon, 23 Feb 2026 12:00:00 GMT" }).end(pdf);
      else if (req.url === "/moved") res.writeHead(302, { location: "https://www.example.com/vote" }).end();
      else if (req.url === "/slow") setTimeout(() => res.writeHead(200).end("late"), 5_000);
      else res.writeHead(404).end("not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  beforeEach(() => {
    requests = [];
  });

  it("fetches an allowlisted page and records its canonical address as the source", async () => {
    expect(await corpusCli("ingest", `${base}/voter-sans-piece`, "--allow", "127.0.0.1", "--slug", "voting-without-id")).toBe(0);
    const { data, content } = await readDraft("fr/voting-without-id.md");
    expect(data).toMatchObject({ source_url: "https://www.electionsquebec.qc.ca/?p=2597", draft: { ingested_from: `${base}/voter-sans-piece` } });
    expect(content).toContain("- votre passeport canadien;");
  });

  it("fetches a PDF and records the URL, and the server's Last-Modified when the PDF has no date", async () => {
    expect(await corpusCli("ingest", `${base}/guide.pdf`, "--allow", "127.0.0.1")).toBe(0);
    const { data } = await readDraft("fr/guide.md");
    expect(data).toMatchObject({ source_url: `${base}/guide.pdf`, source_date: "2026-02-23" });
  });

  it("refuses a URL outside the allowlist before sending any request", async () => {
    expect(await corpusCli("ingest", `${base}/voter-sans-piece`)).toBe(1);
    expect(err.join("\n")).toContain(`refused: ${base}/voter-sans-piece (the URL to fetch) is not on an allowlisted official domain`);
    expect(requests).toEqual([]);
  });

  it("refuses a redirect that leaves the allowlist", async () => {
    expect(await corpusCli("ingest", `${base}/moved`, "--allow", "127.0.0.1")).toBe(1);
    expect(err.join("\n")).toContain(`refused: https://www.example.com/vote (where ${base}/moved redirects) is not on an allowlisted official domain`);
  });

  it("says the network is unavailable when the host cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await corpusCli("ingest", `http://127.0.0.1:${port}/page`, "--allow", "127.0.0.1")).toBe(1);
    expect(err.join("\n")).toMatch(/network unavailable \(ECONNREFUSED.*save the page from a browser and ingest the file instead/);
    expect(await filesWritten()).toEqual([]);
  });

  it("gives up after the timeout", async () => {
    expect(await corpusCli("ingest", `${base}/slow`, "--allow", "127.0.0.1", "--timeout-ms", "200")).toBe(1);
    expect(err.join("\n")).toContain("no answer within 200 ms (network unavailable or server too slow)");
  });

  it("reports an HTTP error", async () => {
    expect(await corpusCli("ingest", `${base}/missing`, "--allow", "127.0.0.1")).toBe(1);
    expect(err.join("\n")).toContain(`${base}/missing: the server answered HTTP 404 Not Found`);
  });
});

describe("corpus command line", () => {
  it("prints usage and exits 2 on an unknown command or option", async () => {
    expect(await corpusCli("publish")).toBe(2);
    expect(err.at(-1)).toMatch(/^unknown command "publish"\n\nUsage: npm run corpus -- <command>/);
    expect(await corpusCli("check", "--frobnicate")).toBe(2);
    expect(await corpusCli("ingest")).toBe(2);
    expect(await corpusCli("ingest", "x.html", "--lang", "de")).toBe(2);
  });

  it("prints usage with --help", async () => {
    expect(await corpusCli("--help")).toBe(0);
    expect(out.join("\n")).toContain("ingest <file|dir|url>...");
  });
});
