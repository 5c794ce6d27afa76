/**
 * A pure function's results kept by argument, for texts that come back turn after turn (the
 * same passages, tokens, earlier questions, words). Bounded, since voters bring texts without
 * end: once full it starts afresh, which costs one recomputation per entry and no
 * bookkeeping on a hit, where an LRU would pay on every one.
 */
export function boundedMemo<K, V>(max: number, compute: (key: K) => V): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = compute(key);
      if (kept.size >= max) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}
