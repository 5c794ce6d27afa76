/**
 * Vocabularies the guard rules share, folded (lower case, no accents). DOMAIN_TERMS is
 * also the dictionary typos are corrected against, so it holds whole words, not stems.
 */
export const DOMAIN_TERMS = new Set(
  `election elections electoral electorale electoraux electorales electeur electeurs electrice electrices elector electors
  vote votes voter voting voted votant votants votera voterai scrutin scrutins bulletin bulletins ballot ballots
  inscription inscrire inscrit inscrite inscrits register registered registration liste listes list
  circonscription circonscriptions riding ridings comte comtes division divisions district
  candidat candidate candidats candidates candidature parti partis party parties depute deputee deputes assemblee nationale
  bureau bureaux polling station stations poll polls anticipe anticipation anticipes advance
  identite identification identity piece pieces permis licence license passeport passport carte card assurance maladie
  resultat resultats result results participation turnout proclamation depouillement recount recensement
  accessibilite accessibility accessible trousse crayon pencil marquer mark marked cocher checkmark croix
  demenagement demenager demenage moved moving domicile domicilie adresse address residence
  citoyen citoyenne citoyennete citizen citizenship correspondance mail postal hors outside abroad etranger
  etudiant etudiante etudiants student students campus hopital hospital hospitalise chsld
  conge employeur employer travail work heures hours horaire ouverture opening fermeture closing
  directeur returning officer electionsquebec quebec contribution contributions donation referendum
  municipal municipale municipales municipalite scolaire scolaires isoloir urne handicap handicape disability
  assistance accompagnateur interprete braille deadline delai delais dates rejete rejected annule spoiled secret
  secrecy depute premier ministre gouvernement government legislature scrutateur emploi elire elu elue elus
  desinformation disinformation deepfake hypertrucage fausse fake rumeur rumor rumour misinformation false faux
  signaler report reporting suspicious suspect message messages information informations guide guides format formats
  adapte adaptes adaptee adaptees adapted lsq asl audio simplifie simplifiee simplified publicite advertising partisane
  partisan tiers third regles rules loi law`.split(/\s+/).filter(Boolean),
);

/** Words of injection attempts: typos of these are corrected too, but they are not election words. */
export const ATTACK_TERMS = new Set(
  `ignore ignorer oublie oublier disregard forget instructions instruction consignes consigne previous precedentes
  precedents precedent prompt system systeme directives reveal revele affiche display repeat repete pretend semblant
  jailbreak developer developpeur override bypass contourne desormais dorenavant maintenant`.split(/\s+/).filter(Boolean),
);

/** Common words one typo away from a domain term, never "corrected" to it. */
export const KEEP = new Set(
  `votre votres notre notres partie parties contre centre compte comptes comme carter cartes poste postes porte portes
  poole pools rolls police polling electro minister result resulte courrier vite votez chose liste
  crois croit croient croire`.split(/\s+/).filter(Boolean),
);

/** Other Canadian provinces and territories, FR and EN, folded. */
export const PROVINCES = [
  "ontario", "alberta", "british columbia", "colombie-britannique", "colombie britannique", "manitoba", "saskatchewan",
  "nova scotia", "nouvelle-ecosse", "nouvelle ecosse", "new brunswick", "new-brunswick", "nouveau-brunswick", "nouveau brunswick",
  "newfoundland", "terre-neuve", "terre neuve", "labrador", "prince edward island", "pei", "ile-du-prince-edouard",
  "ile du prince edouard", "yukon", "nunavut", "northwest territories", "territoires du nord-ouest", "bc",
];

/** Countries and foreign places voters mention, folded. */
export const COUNTRIES = [
  "united states", "usa", "u.s.", "etats-unis", "etats unis", "america", "amerique", "france", "belgique", "belgium", "suisse",
  "switzerland", "mexique", "mexico", "haiti", "maroc", "morocco", "algerie", "algeria", "tunisie", "liban", "lebanon",
  "chine", "china", "inde", "india", "royaume-uni", "united kingdom", "uk", "angleterre", "england", "espagne", "spain",
  "italie", "italy", "allemagne", "germany", "bresil", "brazil", "senegal", "cameroun", "vietnam", "philippines", "europe",
];

/** Adjectives naming another jurisdiction's election: "l'élection ontarienne", "the American election". */
export const FOREIGN_ADJECTIVES = [
  "ontarienne", "ontarien", "ontario's", "albertaine", "albertain", "americaine", "americain", "american", "us", "u.s.",
  "francaise", "francais", "french", "belge", "mexicaine", "british", "britannique", "presidentielle", "presidentielles",
  "presidential", "midterm", "midterms", "legislatives", "europeennes",
];

/** Parties and leaders, folded; acronyms are matched case-sensitively elsewhere to spare "pq" = "pourquoi". */
export const PARTY_NAMES = [
  "coalition avenir quebec", "coalition avenir", "parti liberal", "liberal", "liberaux", "liberals", "quebec solidaire",
  "parti quebecois", "pequiste", "pequistes", "caquiste", "caquistes", "solidaire", "solidaires", "parti conservateur",
  "conservateur", "conservateurs", "conservative", "conservatives", "parti vert", "green party", "legault", "frechette",
  "st-pierre plamondon", "plamondon", "psp", "nadeau-dubois", "gnd", "ghazal", "duhaime", "rodriguez", "tanguay", "anglade",
  "dominique anglade", "marwah rizqy", "pspp", "francois legault", "genevieve guilbault", "christine frechette",
  "paul st-pierre plamondon", "gabriel nadeau-dubois", "ruba ghazal", "sol zanetti", "eric duhaime", "pablo rodriguez", "marc tanguay",
];
export const PARTY_ACRONYMS = ["CAQ", "PLQ", "PQ", "QS", "PCQ", "PVQ"];

/** Words that only make sense about something other than elections. */
export const UNRELATED_SIGNALS = /\b((?:le|du|un|au) match|recette|recipe|meteo|weather|blague|joke|poeme|poem|chanson|song|lyrics|paroles de|film|movie|hockey|canadiens|soccer|football|sport|bourse|stock|bitcoin|crypto|horoscope|restaurant|pizza|pates|pasta|devoirs?|homework|essay|dissertation|python|javascript|code informatique|programme en|sql|calcul|equation|capitale|capital of|traduis|translate|trivia|jeu video|video game|voiture|car insurance|loyer|vacances|vacation|hotel|billet d'avion|flight)\b/;
