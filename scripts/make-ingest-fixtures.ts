/**
 * Writes the PDF fixtures of the ingest tests (tests/fixtures/ingest/*.pdf): a small
 * Élections Québec-style guide with a title, headings, paragraphs and a list, and a
 * broken copy of it. Run once: `npx tsx scripts/make-ingest-fixtures.ts`; the output is
 * committed, and is the same on every run (fixed dates, no random ids).
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";

const OUT = path.resolve(import.meta.dirname, "../tests/fixtures/ingest");

type Block = { kind: "title" | "h" | "p" | "li"; text: string };

const GUIDE: Block[][] = [
  [
    { kind: "title", text: "Guide de l’électeur : voter au Québec" },
    { kind: "p", text: "Ce guide explique comment vérifier votre inscription sur la liste électorale, où et quand voter, et quelles pièces d’identité présenter au bureau de vote lors d’une élection provinciale." },
    { kind: "h", text: "Êtes-vous inscrit sur la liste électorale?" },
    { kind: "p", text: "Pour voter, votre nom doit figurer sur la liste électorale à l’adresse de votre domicile. Au début de la période électorale, chaque électeur inscrit reçoit par la poste un avis d’inscription qui indique où et quand voter." },
    { kind: "p", text: "Lors d’une élection provinciale, il n’est pas possible de s’inscrire ou de changer son adresse sur place le jour du vote par anticipation ni le jour de l’élection." },
    { kind: "h", text: "Les pièces d’identité acceptées" },
    { kind: "p", text: "Au bureau de vote, présentez à visage découvert l’une des cinq pièces suivantes :" },
    { kind: "li", text: "votre permis de conduire du Québec;" },
    { kind: "li", text: "votre carte d’assurance maladie du Québec;" },
    { kind: "li", text: "votre passeport canadien;" },
    { kind: "li", text: "votre certificat de statut d’Indien;" },
    { kind: "li", text: "votre carte d’identité des Forces armées canadiennes." },
  ],
  [
    { kind: "h", text: "Les heures d’ouverture le jour de l’élection" },
    { kind: "p", text: "Le jour de l’élection, les bureaux de vote sont ouverts de 9 h 30 à 20 h. Votre employeur doit vous accorder quatre heures consécutives pour aller voter pendant les heures d’ouverture des bureaux." },
    { kind: "h", text: "Pour nous joindre" },
    { kind: "p", text: "Élections Québec répond à vos questions au 1 888 ÉLECTION (1 888 353-2846)." },
  ],
];

const STYLE = { title: { size: 20, bold: true, after: 18 }, h: { size: 14, bold: true, after: 8 }, p: { size: 11, bold: false, after: 10 }, li: { size: 11, bold: false, after: 4 } };

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function drawPage(page: PDFPage, blocks: Block[], fonts: { regular: PDFFont; bold: PDFFont }): void {
  const left = 56, width = page.getWidth() - 2 * left;
  let y = page.getHeight() - 64;
  for (const b of blocks) {
    const s = STYLE[b.kind];
    const font = s.bold ? fonts.bold : fonts.regular;
    const indent = b.kind === "li" ? 14 : 0;
    wrap(b.text, font, s.size, width - indent).forEach((line, i) => {
      if (b.kind === "li" && i === 0) page.drawText("•", { x: left, y, size: s.size, font, color: rgb(0, 0, 0) });
      page.drawText(line, { x: left + indent, y, size: s.size, font, color: rgb(0, 0, 0) });
      y -= s.size * 1.3;
    });
    y -= s.after;
  }
  page.drawText(`Élections Québec — Guide de l’électeur — page ${page.doc.getPageCount()}`, { x: left, y: 30, size: 8, font: fonts.regular });
}

async function makeGuide(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const fonts = { regular: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold) };
  for (const blocks of GUIDE) drawPage(pdf.addPage([612, 792]), blocks, fonts);
  pdf.setTitle("Guide de l’électeur : voter au Québec");
  pdf.setAuthor("Élections Québec");
  pdf.setSubject("Élection provinciale : inscription, pièces d’identité, heures d’ouverture");
  pdf.setLanguage("fr-CA");
  pdf.setProducer("scripts/make-ingest-fixtures.ts");
  pdf.setCreator("pdf-lib");
  pdf.setCreationDate(new Date("2026-01-15T12:00:00Z"));
  pdf.setModificationDate(new Date("2026-02-23T12:00:00Z"));
  return pdf.save({ useObjectStreams: false });
}

const guide = await makeGuide();
await writeFile(path.join(OUT, "electionsquebec-guide-electeur.pdf"), guide);
// A download cut short and overwritten by a proxy's error page: the PDF header survives,
// the body is an HTML error message and there is no cross-reference table or trailer.
const broken = Buffer.concat([Buffer.from(guide.slice(0, 15)), Buffer.from("\n<html><body><h1>502 Bad Gateway</h1></body></html>\n")]);
await writeFile(path.join(OUT, "broken.pdf"), broken);
console.log(`wrote ${OUT}/electionsquebec-guide-electeur.pdf (${guide.length} bytes) and broken.pdf (${broken.length} bytes)`);
