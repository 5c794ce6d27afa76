/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so
 * "univeristies" is one edit from "universities"), abandoned once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Edits tolerated for a word of this length: none below five letters, where one edit
 * usually makes another word ("park" / "part"), two from nine letters on.
 */
export function typoBudget(length: number): number {
  return length < 5 ? 0 : length < 9 ? 1 : 2;
}

/**
 * The known word a misspelt word most plausibly stands for: the closest within the
 * length's budget that starts with the same letter (typists rarely miss the first one,
 * and "parking" is not a misspelling of "marking"), ties going to the more frequent word.
 * Null when nothing is close enough.
 */
export function correctWord(word: string, known: ReadonlyMap<string, number>): string | null {
  if (known.has(word) || /\d/.test(word)) return null;
  const budget = typoBudget(word.length);
  if (budget === 0) return null;
  let best: string | null = null;
  let bestD = budget + 1;
  let bestF = -1;
  for (const [k, freq] of known) {
    if (k[0] !== word[0] || Math.abs(k.length - word.length) > budget) continue;
    const d = editDistance(word, k, budget);
    if (d < bestD || (d === bestD && freq > bestF)) {
      best = k;
      bestD = d;
      bestF = freq;
    }
  }
  return bestD <= budget ? best : null;
}

