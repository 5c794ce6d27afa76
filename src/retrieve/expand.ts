import type { Lang } from "../contract/envelope.js";
import { fold } from "../text/analyze.js";

/**
 * Voters' words → the official vocabulary the corpus uses. The offline embedder has no
 * notion of synonyms, so a colloquial query ("carte soleil", "riding") would miss the
 * passage that says "carte d'assurance maladie" or "electoral division".
 * Keys are folded, matched on word boundaries; values are appended to the query.
 */
const LEXICON: Record<Lang, [RegExp, string][]> = {
  fr: [
    [/\bcarte soleil\b/, "carte d'assurance maladie RAMQ"],
    [/\bramq\b/, "carte d'assurance maladie"],
    [/\b(id|pieces? d'?id|piece d'identite|cartes?)\b/, "pièce d'identité"],
    [/\bpermis\b/, "permis de conduire"],
    [/\bcomte\b/, "circonscription électorale"],
    [/\bcirconscriptions?\b/, "circonscription électorale"],
    [/\bd'?avance\b|\bavant le jour\b|\bpar anticipation\b|\banticipe/, "vote par anticipation"],
    [/\bheures?\b|\bouvert|\bferme/, "heures d'ouverture bureau de vote"],
    [/\bou (je )?vote|\bou voter|\bou aller voter|\bmon bureau de vote\b/, "bureau de vote avis"],
    [/\bpatron|\bemployeur|\bjob\b|\btravail|\bouvrage\b/, "employeur quatre heures pour voter travail"],
    [/\betranger|\bhors du quebec|\bexterieur du quebec|\bnomade|\bsnowbird|\bfloride\b/, "électeur hors du Québec vote par correspondance"],
    [/\bdemenag/, "changement d'adresse inscription liste électorale"],
    [/\binscri|\bliste\b/, "inscription liste électorale"],
    [/\bdeadline|\bdate limite|\bjusqu'?a quand\b/, "date limite révision"],
    [/\bchsld\b|\bresidence|\bhopital/, "installation d'hébergement résidence privée pour aînés centre hospitalier"],
    [/\bcegep|\buniversit|\betudiant/, "étudiant établissement d'enseignement campus"],
    [/\bhandicap|\bfauteuil|\baveugle|\bmalvoyant|\bsourd|\bmobilit/, "accessibilité électeur handicap"],
    [/\bdeepfake|\bhypertrucage|\bfausse nouvelle|\bfake|\brumeur|\bdesinformation/, "désinformation information électorale vérifier"],
    [/\bdon\b|\bdons\b|\bdonner de l'argent|\bcontribu/, "contribution politique électeur"],
    [/\bresultats?\b|\bgagnant|\bqui a gagne|\bdepouillement/, "résultats"],
    [/\bbulletin|\bcocher|\bmarquer|\bx\b/, "bulletin de vote marquer"],
    [/\bpartielle/, "élection partielle"],
    [/\bmunicipal|\bmaire|\bconseiller/, "élections municipales"],
    [/\bscolaire|\bcommission scolaire|\bcentre de services/, "élections scolaires"],
    [/\bquand\b.*\belection|\bdate de l'?election|\bprochaine election/, "date élection générale"],
    [/\bchez (moi|nous)\b|\ba domicile\b|\bpeux pas me deplacer/, "vote à domicile"],
    [/\bdirecteur du scrutin|\bbureau du directeur/, "bureau du directeur du scrutin"],
    // Eligibility, registration, ID and voting-day words (corpus-a: who-can-vote … polling-place-rules).
    [/\bportefeuille\b|\bsans pieces?\b|\bsans papiers?\b/, "sans pièce d'identité table de vérification de l'identité"],
    [/\bpapiers\b|\bpreuves?\b|\bjustificatifs?\b/, "documents"],
    [/\bgarant\b|\brepondre de moi\b|\bse porter garant\b/, "atteste identité sous serment"],
    [/\bdomicili|\bma maison\b/, "domicile domicilié circonscription"],
    [/\brefuge\b|\bmaison d'hebergement\b|\bitineran|\bsans.abri\b|\bsans adresse\b|\bpas d'adresse\b/, "domicile hébergée adresse fixe"],
    [/\bconjointe?\b|\bmon mari\b|\bma femme\b|\bmon chum\b|\bma blonde\b/, "conjoint parent personne qui habite avec vous"],
    [/\bcarte jaune\b/, "carte de rappel jaune"],
    [/\bcuratelle\b|\bcurateur\b|\binapte\b|\btutelle\b|\balzheimer\b|\bdemence\b/, "tutelle jugement droit de vote inapte"],
    [/\bresidente? permanente?\b|\bimmigrant|\bpas citoyen/, "citoyenneté canadienne"],
    [/\bdiner\b|\bdejeuner\b|\bsouper\b|\blunch\b/, "repas"],
    [/\bchandail\b|\bt-?shirt\b|\bmacaron\b|\bpancarte\b|\bdepliant/, "publicité partisane signe"],
    [/\binternet\b|\btexto\b|\bsms\b/, "voter par Internet texto"],
  ],
  en: [
    [/\bmedicare\b|\bhealth card\b|\bramq\b/, "health insurance card"],
    [/\bid\b|\bids\b|\bidentification\b|\bdocuments?\b|\bcards?\b/, "identity document identification"],
    [/\blicen[cs]e\b/, "driver's licence"],
    [/\briding\b|\bdistrict\b|\bconstituency\b/, "electoral division"],
    [/\bearly\b|\bahead of time\b|\bbefore election day\b|\badvance\b/, "advance poll"],
    [/\bhours?\b|\bopen\b|\bclose\b|\bwhat time\b/, "polling station hours"],
    [/\bwhere (do|can|should) i vote\b|\bmy polling\b|\bpolling (place|station)\b/, "polling station notice"],
    [/\bboss\b|\bemployer\b|\bwork\b|\bjob\b|\bshift\b/, "employer four hours to vote work"],
    [/\babroad\b|\boutside (of )?quebec\b|\bout of (the )?province\b|\bsnowbird\b|\bflorida\b|\bliving in\b/, "electors outside Québec vote by mail"],
    [/\bmov(e|ed|ing)\b|\bnew address\b/, "change of address list of electors"],
    [/\bregist|\blist\b/, "registration list of electors"],
    [/\bdeadline\b|\blast day\b|\buntil when\b/, "deadline revision"],
    [/\bnursing\b|\bseniors'? home\b|\bchsld\b|\bhospital\b|\bresidence\b/, "residential and long-term care facility private seniors' residence hospital"],
    [/\bcollege\b|\bcegep\b|\buniversity\b|\bstudent\b|\bcampus\b/, "student educational institution campus"],
    [/\bdisab|\bwheelchair\b|\bblind\b|\bdeaf\b|\bmobility\b/, "accessibility electors with disabilities"],
    [/\bdeepfake|\bfake news\b|\bfake\b|\brumou?r\b|\bmisinformation\b|\bdisinformation\b/, "disinformation electoral information verify"],
    [/\bdonat|\bcontribut|\bgive money\b/, "political contribution elector"],
    [/\bresults?\b|\bwinner\b|\bwho won\b|\bcount\b/, "results"],
    [/\bballot\b|\bmark\b|\btick\b|\bx\b/, "ballot paper mark"],
    [/\bby-?election/, "by-election"],
    [/\bmunicipal\b|\bmayor\b|\bcouncill?or\b/, "municipal elections"],
    [/\bschool board\b|\bschool election/, "school elections"],
    [/\bwhen is the (next )?election\b|\belection date\b|\bnext election\b/, "general election date"],
    [/\bat home\b|\bhomebound\b|\bcan'?t leave (my )?(home|house)\b/, "vote at home"],
    [/\breturning officer\b/, "returning officer's office"],
    // Eligibility, registration, ID and voting-day words (corpus-a: who-can-vote … polling-place-rules).
    [/\bwallet\b|\bno id\b|\bwithout (an? )?id\b|\bdon'?t have (any|one|it|id)\b/, "without ID identity verification panel"],
    [/\bwhere\b/, "address"],
    [/\bget on the list\b|\bsign up\b|\bget registered\b/, "register entered"],
    [/\bshelter\b|\bhomeless|\bno fixed address\b|\bno address\b/, "domicile staying fixed address"],
    [/\bwife\b|\bhusband\b|\bspouse\b|\bpartner\b|\bgirlfriend\b|\bboyfriend\b/, "spouse relative person who lives with you"],
    [/\byellow card\b/, "yellow reminder card"],
    [/\bdementia\b|\balzheimer|\bincapable\b|\bguardian|\bcuratorship\b|\btutorship\b/, "tutorship judgment right to vote incapable"],
    [/\bpermanent resident|\bimmigrant|\bnot a citizen\b|\bpr card\b/, "Canadian citizen"],
    [/\blunch\b|\bmeal\b|\bdinner\b|\bbreak\b/, "meal time"],
    [/\bt-?shirt\b|\bbutton\b|\bhat\b|\bpin\b|\bflyers?\b/, "partisan publicity sign"],
    [/\binternet\b|\btext(ing)?\b|\bsms\b/, "vote online text message"],
  ],
};

export interface Expansion {
  query: string;
  /** The voter's words that a lexicon entry recognised (so they are not "unknown"). */
  matched: string[];
  /** Official terms added. */
  added: string[];
  /** Which official terms each recognised phrase maps to. */
  entries: { matched: string; added: string }[];
}

/** Appends official terms for the colloquial ones found in the query. */
export function expand(query: string, lang: Lang): Expansion {
  const f = fold(query);
  const matched: string[] = [];
  const added: string[] = [];
  const entries: { matched: string; added: string }[] = [];
  for (const [re, add] of LEXICON[lang]) {
    const m = re.exec(f);
    if (!m) continue;
    matched.push(m[0]);
    entries.push({ matched: m[0], added: add });
    if (!added.includes(add)) added.push(add);
  }
  return { query: added.length === 0 ? query : `${query} ${added.join(" ")}`, matched, added, entries };
}

export function expandQuery(query: string, lang: Lang): string {
  return expand(query, lang).query;
}
