import type { Lang } from "../contract/envelope.js";
import { stayAbroadPattern } from "../text/abroad.js";
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
    // The marks the corpus lists as valid: « un crochet » is a tick, « un cercle noirci » a filled-in one.
    [/\bcocher|\bcoche\b|\bnoirci/, "crochet cercle noirci marque"],
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
    // Special voting, ballot, dates, divisions, financing, disinformation, contact, institution,
    // municipal and school elections (corpus-b documents).
    [/\bhospitalis|\bhospitalier/, "hôpital bureau de vote itinérant chambre"],
    [/\bbraille\b|\bgabarit/, "gabarit de vote en braille trousse d'accessibilité"],
    [/\bcomtes\b/, "circonscription électorale"],
    [/\bprison|\bdetenus?\b|\bdetention\b|\bincarcer/, "personne détenue établissement de détention"],
    [/\bpartielles?\b/, "élection partielle siège vacant"],
    [/\bchaise roulante|\bmarchette|\bmobilite reduite/, "lieux de vote accessibles mobilité réduite"],
    [/\bselfie|\begoportrait|\bphotos?\b|\bphotographi|\binstagram|\bfacebook/, "photographier bulletin égoportrait secret du vote"],
    [/\bcrayon|\bstylo|\beffac/, "crayon de plomb bulletin"],
    [/\bcandidats?\b|\bqui se presente/, "liste des personnes candidates"],
    [/\barnaque|\bfraud|\bhameconnage|\bbancaires?\b|\bcliquer sur (un|le) lien/, "texto frauduleux renseignements bancaires Élections Québec"],
    [/\bvoter (par|sur) internet|\bvote (par|sur) internet|\bvoter en ligne|\bvote en ligne|\bvote electronique|\bvoter par texto/, "vote par Internet"],
    [/\bsourde?s?\b|\bmalentendant|\blsq\b|\blangue des signes/, "interprétation visuelle et tactile"],
    [/\btravailler (aux|a l'|lors|pendant|pour)|\bscrutateur|\bpersonnel electoral|\bemplois? (aux|lors)/, "travailler lors d'une élection personnel électoral"],
    [/\bdgeq?\b|\bdirecteur general des elections/, "directeur général des élections Élections Québec"],
    [/\btaux de participation|\bparticipation\b/, "taux de participation"],
    [/\bhors quebec\b|\bhors du pays\b|\bexterieur du pays\b/, "électeur hors du Québec vote par correspondance"],
    [/\bvote blanc|\ben blanc\b|\bannuler mon (vote|bulletin)|\bannule/, "bulletin rejeté vote blanc"],
    [/\breligi/, "fête religieuse date élection"],
    [/\bappel automatise|\brobocall|\breporte/, "appel automatisé report élection"],
    [/\bsignaler|\bdenoncer|\bplainte/, "signaler plaintes Élections Québec"],
    [/\bcarte electorale|\bredecoupage|\blimites? des circonscriptions/, "carte électorale circonscriptions"],
    [/\bcompagnies?\b|\bentreprises?\b|\bsyndicats?\b|\bpersonnes? morales?\b/, "entreprises compagnies personnes morales contribution politique interdit"],
    // Voters' words for what the corpus says in its own terms (issue 7).
    // A face veil covers the face, which must be uncovered at the polling station; a hijab does not.
    [/\bniqabs?\b|\bburqas?\b|\bburkas?\b|\bvoile integral\b|\bvisage (?:couvert|cache|voile)\b|\bcouvre[- ]visage\b|\bcacher mon visage\b/, "visage découvert identité"],
    // A protection mandate (mandat de protection, formerly "mandat en cas d'inaptitude") is the
    // regime of an incapable adult that the 2022 reform passage covers.
    [/\bmandats? de protection\b|\bmandats? (?:en cas )?d'?inaptitude\b/, "tutelle jugement droit de vote inapte"],
    // Being in or going to another country or province: the rules for electors outside Québec.
    [stayAbroadPattern(), "électeur hors du Québec vote par correspondance"],
    // "À quel âge peut-on voter?" is answered by the age condition, which the corpus states in years.
    [/\bquel age\b|\bage (?:minimum|minimal|requis|legal)\b|\bage pour voter\b|\bage de voter\b|\bassez vieux\b|\bassez vieille\b/, "avoir 18 ans ou plus"],
    // "Do I need my NAS to vote?" asks which identity documents are accepted. Not the
    // redaction placeholder "[SIN]": a number the voter gave is not a question about it.
    [/(?<!\[)\bnas\b(?!\])|\bnumero d'assurance sociale\b|\bassurance sociale\b/, "pièce d'identité"],
    // A person's nationality is asked as the citizenship condition; "dans mon coin" is the
    // voter's electoral division; a marriage is reported as a change of name.
    [/\b(?:est|suis|es|sont) (?:francaise?|americaine?|mexicaine?|belge|haitienne?|marocaine?|algerienne?|britannique|chinoise?|libanaise?|colombienne?)\b|\bnationalite\b/, "citoyenneté canadienne"],
    [/\bdans (?:mon|notre) (?:coin|secteur|boute)\b|\bpar chez (?:nous|moi|nous autres)\b/, "circonscription électorale"],
    [/\bmariee?s?\b|\bmariage\b|\bnom de (?:famille|jeune fille)\b/, "changement de nom"],
    // A ramp, a lift or stairs are asked as the polling place's accessibility.
    [/\brampes?\b|\bascenseurs?\b|\bescaliers?\b/, "accessibilité mobilité réduite lieu de vote"],
    // "Si je me trompe" (with nothing after: not "de bureau", "d'adresse") is a marking error.
    [/\bme (?:suis )?(?:trompe|trompee?|tromper)\b(?!\s+(?:de|d'|dans|sur)\b)/, "marque bulletin rejeté"],
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
    // The marks the corpus lists as valid: a check mark, a circle filled in.
    [/\btick|\bcheck ?mark|\bcheck (?:the|a) (?:box|circle)|\bfill(?:ed|ing)? in (?:the|a) (?:circle|dot|bubble)|\bcolou?r(?:ed|ing)? in\b|\bshade\b|\bshading\b/, "check mark circle filled in mark"],
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
    // Special voting, ballot, dates, divisions, financing, disinformation, contact, institution,
    // municipal and school elections (corpus-b documents).
    [/\bhospitali[sz]ed\b/, "hospital mobile polling station room"],
    [/\bbraille\b|\btemplate\b/, "braille voting template accessibility kit"],
    [/\bjail\b|\bprison\b|\binmates?\b|\bincarcerated\b/, "detention facility detained person"],
    [/\bby[- ]?elections?\b/, "by-election vacant seat"],
    [/\bleave the house\b|\bhousebound\b|\bbedridden\b|\bcan'?t get out\b/, "vote at home unable to move about health reasons"],
    [/\beyesight\b|\bvisually\b|\bcan'?t see\b|\bpoor vision\b|\blow vision\b/, "visual impairment help mark ballot template"],
    [/\bfill (out|in) (my|the|a) ballot\b/, "mark ballot help"],
    [/\bwho'?s running\b|\bwho is running\b|\bcandidates?\b/, "list of candidates"],
    [/\bselfies?\b|\bphotos?\b|\bpictures?\b|\binstagram/, "photo ballot selfie secret"],
    [/\bpencil|\bpens?\b|\berase/, "pencil ballot"],
    [/\bscam|\bfraud|\bphishing|\bbank(ing)? (info|information|details)|\bclick (a|the|on a|on the) link/, "fraudulent text messages banking information Élections Québec"],
    [/\bvote online\b|\bonline voting\b|\binternet voting\b|\bvote (by|over the) internet\b|\bvote by (text|phone)\b/, "online Internet voting"],
    [/\bdeaf\b|\bhard of hearing\b|\bsign language\b|\blsq\b/, "interpretation services visual tactile"],
    [/\bwork(ing)? (at|during|for|in) (an |the )?(elections?|polls)\b|\belection (worker|staff|job)s?\b|\bpoll (worker|clerk)s?\b/, "work at an election election staff"],
    [/\bceo\b|\bchief electoral officer\b|\bdgeq?\b/, "Chief Electoral Officer Élections Québec"],
    [/\bturnout\b|\bhow many people voted\b/, "voter turnout"],
    // "Decline" or "refuse" a ballot (a formal option elsewhere) is, in Québec, a blank or spoiled one.
    [/\bblank ballot|\bspoil|\bprotest vote|\b(?:declin|refus)\w* (?:my |a |the |your )?ballot/, "blank ballot rejected"],
    [/\breligio|\bholy day\b/, "religious holiday election date"],
    [/\brobocall|\bautomated call/, "automated calls robocalls"],
    [/\breport\b|\bflag\b|\bcomplain/, "report complaints form Élections Québec"],
    [/\belectoral map\b|\bnew map\b|\bredistribution\b|\bredrawn\b|\bboundaries\b/, "electoral map divisions"],
    [/\bcompan(y|ies)\b|\bcorporations?\b|\bunions?\b|\blegal persons?\b/, "companies corporations legal persons political contributions forbidden"],
    // Voters' words for what the corpus says in its own terms (issue 7); see the French entries.
    [/\bniqabs?\b|\bburqas?\b|\bburkas?\b|\bface (?:veils?|coverings?)\b|\bcover(?:ed|ing)? (?:my|her|his|their|the) face\b|\bface (?:is )?covered\b/, "face uncovered identity"],
    [/\bprotection mandates?\b|\bmandate in case of incapacity\b/, "tutorship judgment right to vote incapable"],
    [stayAbroadPattern(), "electors outside Québec vote by mail"],
    [/(?<!\[)\bsin\b(?!\])|\bsocial insurance\b/, "identity document identification"],
    [/\bhow old\b|\bwhat age\b|\bminimum age\b|\bvoting age\b|\bold enough\b|\blegal age\b/, "18 years of age or older"],
    [/\b(?:is|am|are) (?:french|american|mexican|belgian|british|haitian|moroccan|algerian|chinese|lebanese|colombian|a foreigner)\b|\bnationality\b/, "Canadian citizen"],
    [/\bin (?:my|our) (?:area|neighbou?rhood)\b|\baround here\b/, "electoral division"],
    [/\bramps?\b|\belevators?\b|\blifts?\b|\bstairs?\b|\bstaircases?\b/, "accessibility reduced mobility polling place"],
    [/\bmarried\b|\bmarriage\b|\bmaiden name\b|\blast name\b|\bsurname\b/, "change of name"],
  ],
};

export interface Expansion {
  readonly query: string;
  /** The voter's words that a lexicon entry recognised (so they are not "unknown"). */
  readonly matched: readonly string[];
  /** Official terms added. */
  readonly added: readonly string[];
  /** Which official terms each recognised phrase maps to. */
  readonly entries: readonly { readonly matched: string; readonly added: string }[];
}

/**
 * The last expansion of each language, shared (hence read-only): the composer expands the
 * question the retriever has just expanded, eighty-odd patterns each time.
 */
const LAST = new Map<Lang, { query: string; expansion: Expansion }>();

/** Appends official terms for the colloquial ones found in the query. */
export function expand(query: string, lang: Lang): Expansion {
  const last = LAST.get(lang);
  if (last?.query === query) return last.expansion;
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
  const expansion = { query: added.length === 0 ? query : `${query} ${added.join(" ")}`, matched, added, entries };
  LAST.set(lang, { query, expansion });
  return expansion;
}

export function expandQuery(query: string, lang: Lang): string {
  return expand(query, lang).query;
}
