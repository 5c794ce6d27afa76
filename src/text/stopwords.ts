/** Folded French and English function words; content words such as "vote" stay. */
export const STOPWORDS = new Set(
  `a au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous y
  c d j l m n s t est sont suis es etes ete etre ai as avons avez ont avoir fait faire faut peut peux puis pouvez doit dois devez dois-je ca cela ceci quoi quel quelle quels quelles comment quand combien pourquoi si oui non tout tous toute toutes plus moins tres bien aussi alors donc car comme entre sans sous chez vers
  the an and or of to in on at for with without by from is are was were be been being am do does did doing have has had having i me my we our you your he she it its they them their this that these those what which who whom whose when where why how can could should would will shall may might must if then than so not no yes there here about into over under also just only any some all each other such very too
  need needs want wants know tell please help get got going go find out up make take use like thanks thank hello hi hey ok okay anyone someone something
  besoin veux veut vouloir voudrais savoir sais aller vais faire trouver svp merci bonjour allo salut quelqu'un quelque chose dire dites`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
