// The search engine of the browser client: fetches only the parts of the static index
// (search/, written by the build from the Whoosh index) that a query needs, and ranks with
// the BM25F scores the build precomputed. The file layout is described in search/format.py.

const FORMAT = 1;
const LIKELY = 0.8;

export async function createEngine(indexUrl, A) {
  const base = new URL(".", new URL(indexUrl, location.href)).href;
  const files = new Map(); // url -> Promise of parsed JSON
  let manifest = await getJSON(indexUrl, "no-cache");
  if (manifest.format !== FORMAT || manifest.analysis !== A.ANALYSIS_VERSION) {
    throw new Error("the search index was built by another version of Clippings");
  }
  const meta = await file(manifest.meta);
  const N = manifest.docs, plain = manifest.plain;
  const [low, step] = manifest.quant;
  const score = (q) => low * Math.exp((q - 1) * step);

  async function getJSON(url, cache = "default") {
    const response = await fetch(url, { cache });
    if (!response.ok) throw Object.assign(new Error(`${response.status} ${url}`), { status: response.status });
    return response.json();
  }

  // A file of the current index version; a 404 means a new deploy replaced it: reload once.
  function file(path) {
    const url = base + path;
    if (!files.has(url)) {
      files.set(url, getJSON(url).catch(async (error) => {
        files.delete(url);
        if (error.status !== 404) throw error;
        const fresh = await getJSON(indexUrl, "reload");
        if (fresh.version === manifest.version) throw error;
        manifest = fresh;
        throw Object.assign(new Error("the search index changed; search again"), { stale: true });
      }));
    }
    return files.get(url);
  }
  const versioned = (folder, key, count) => file(`${manifest.version}/${folder}/${A.crc32(key) % count}.json`);

  // --- postings ----------------------------------------------------------------------------
  const entries = new Map(); // key -> Promise of {df, docs: Map doc -> score, tail, floor}
  function entry(key) {
    if (!entries.has(key)) {
      entries.set(key, versioned("p", key, manifest.shards).then((shard) => {
        const raw = shard[key];
        if (!raw) return { df: 0, docs: new Map(), tail: null, floor: 0 };
        const [df, ids, quant, tailMax] = raw;
        const docs = new Map();
        let doc = 0;
        ids.forEach((d, i) => docs.set((doc += d), score(quant[i])));
        const tail = tailMax === undefined ? null : key;
        return { df, docs, tail, floor: tail ? score(tailMax) : 0 };
      }));
    }
    return entries.get(key);
  }
  async function loadTail(e) {
    if (e.tail === null) return;
    const [ids, quant] = (await versioned("t", e.tail, manifest.tails))[e.tail];
    let doc = 0;
    ids.forEach((d, i) => e.docs.set((doc += d), score(quant[i])));
    e.tail = null;
    e.floor = 0;
  }
  async function pairDocs(key) {
    const found = (await versioned("b", key, manifest.pairs))[key];
    if (found === undefined) return [];
    if (typeof found === "number") return [found];
    let doc = 0;
    return found.map((d) => (doc += d));
  }

  // --- prefixes ----------------------------------------------------------------------------
  const chars = (w) => [...w];
  async function bucket(prefix) {
    const key = chars(prefix).slice(0, 3).join("");
    return (await versioned("x", key, manifest.prefixes))[key] || [];
  }
  const termOf = (word, spec) => (spec === A.PLAIN_MARK ? A.PLAIN_MARK + word
    : typeof spec === "number" ? chars(word).slice(0, spec).join("") : spec);

  /** Completions of a prefix, best first: [{word, key, df}], one per term. */
  async function complete(prefix, limit = A.PREFIX_TERMS) {
    const out = [], keys = new Set();
    for (const [word, spec, df] of await bucket(prefix)) {
      const key = termOf(word, spec);
      if (word.startsWith(prefix) && !keys.has(key)) {
        keys.add(key);
        out.push({ word, key, df });
        if (out.length === limit) break;
      }
    }
    return out;
  }
  async function isWord(word) {
    return (await bucket(word)).some(([w]) => w === word);
  }

  // --- query items -------------------------------------------------------------------------
  // An item is what one clause of the query needs a document to have. Its list maps each
  // document known to match to its score; a list is incomplete while tails are not loaded:
  // then another document may match too, with at most `floor` for this item.
  async function itemOf(clause, partial) {
    if (clause.kind === "prefix") {
      const keys = (await complete(clause.text)).map((c) => c.key);
      return { kind: "any", keys, words: [clause.text], prefix: true };
    }
    const words = A.surfaceTokens(clause.text);
    if (!words.length) return null;
    if (words.length > 1) return { kind: "phrase", words };
    const [word] = words;
    // A word still being typed that is no word of the archive stands for its best completion:
    // "econo" searches "economy". (Its prefix bucket lists every word that starts like it.)
    if (partial && chars(word).length >= 3 && !(await isWord(word))) {
      const [best] = await complete(word, 1);
      if (best) return { kind: "any", keys: [best.key], words: [word], completed: best.word };
    }
    return { kind: "term", keys: A.keysOf(word, plain), words };
  }

  async function listOf(item, mustBeComplete) {
    if (item.kind === "phrase") return phraseList(item);
    const parts = await Promise.all(item.keys.map(entry));
    if (mustBeComplete) await Promise.all(parts.map(loadTail));
    const docs = new Map();
    for (const part of parts) for (const [d, s] of part.docs) docs.set(d, (docs.get(d) || 0) + s);
    const open = parts.filter((p) => p.tail !== null);
    return { docs, complete: !open.length, floor: open.reduce((sum, p) => sum + p.floor, 0), parts };
  }

  // A phrase: documents where every adjacent pair of its words is adjacent (exact membership),
  // scored as the sum of its words (a word's weakest known score where only its tail has it).
  async function phraseList(item) {
    const { words } = item;
    const perGroup = plain ? [0, 1] : [0];
    let members = null;
    for (const g of perGroup) {
      let groupDocs = null;
      for (let i = 0; i + 1 < words.length; i++) {
        const docs = new Set(await pairDocs(A.pairKeysOf(words[i], words[i + 1], plain)[g]));
        groupDocs = groupDocs === null ? docs : new Set([...groupDocs].filter((d) => docs.has(d)));
      }
      members = members === null ? groupDocs : new Set([...members, ...groupDocs]);
    }
    const terms = await Promise.all(words.map((w) => listOf({ kind: "term", keys: A.keysOf(w, plain) })));
    const docs = new Map();
    for (const d of members) docs.set(d, terms.reduce((sum, t) => sum + (t.docs.get(d) ?? t.floor), 0));
    return { docs, complete: true, floor: 0, parts: [] };
  }

  /** Whether the query's last clause is a word still being typed (nothing after it). */
  const beingTyped = (clauses, text) => {
    const last = clauses[clauses.length - 1];
    return Boolean(last && last.kind === "word" && !last.negated && last.end === text.length);
  };

  // --- combining -----------------------------------------------------------------------------
  function combine(lists, all, allowed, excluded) {
    const complete = lists.filter((l) => l.complete), open = lists.filter((l) => !l.complete);
    let candidates;
    if (all && complete.length) {
      const [first, ...rest] = [...complete].sort((a, b) => a.docs.size - b.docs.size);
      candidates = [...first.docs.keys()].filter((d) => rest.every((l) => l.docs.has(d)));
    } else {
      candidates = new Set();
      for (const l of lists) for (const d of l.docs.keys()) candidates.add(d);
    }
    const confirmed = [], maybe = [];
    for (const d of candidates) {
      if ((allowed && !allowed[d]) || excluded.has(d)) continue;
      let s = 0, unknown = 0, missing = false, matched = false;
      for (const l of lists) {
        const v = l.docs.get(d);
        if (v !== undefined) { s += v; matched = true; } else if (!l.complete) unknown += l.floor;
        else if (all) { missing = true; break; }
      }
      if (missing || !matched && !unknown) continue;
      if (unknown) maybe.push(s + unknown); else confirmed.push([d, s]);
    }
    // Documents in no list at all can still match through the unloaded tails.
    const unseen = all && complete.length ? 0 : open.reduce((sum, l) => sum + l.floor, 0);
    confirmed.sort((a, b) => b[1] - a[1] || a[0] - b[0]); // equal scores: the earlier report first
    return { confirmed, bound: Math.max(unseen, ...maybe, 0), exact: !maybe.length && !unseen };
  }

  /**
   * Search. Returns {mode: "all" | "any", total, exact, hits: [[doc, score]], items, empty}.
   * `need`: how many top hits are wanted; `least`: how many of them must be certain before
   * tails are fetched for the rest (the hits are then only those, and total a lower bound);
   * `allowed`: a Uint8Array of permitted documents; `exact`: load whatever it takes to count
   * every match (for filter counts); `speculate`: when tails must be fetched, fetch the cards of
   * this many of the best hits known so far alongside (they nearly always stay the best);
   * `tails: false`: fetch no tails, and return only the hits that are certain without them.
   */
  async function search(text, { need = 10, least = need, allowed = null, exact = false, partial = false,
    speculate = 0, tails = true } = {}) {
    const clauses = A.parse(text);
    const last = clauses[clauses.length - 1];
    const typing = partial && beingTyped(clauses, text);
    // A word of one or two letters still being typed waits for its next letter (unless alone).
    if (typing && clauses.length > 1 && chars(last.text).length < 3) clauses.pop();
    // Every word's postings at once, but the word being typed's only once it is known to be a word.
    for (const c of clauses) {
      if (c.kind !== "prefix" && !(typing && c === last)) A.surfaceTokens(c.text).forEach((w) => A.keysOf(w, plain).forEach(entry));
    }
    const items = await Promise.all(clauses.map((c) => itemOf(c, typing && c === last)));
    const positive = items.filter((it, i) => it && !clauses[i].negated);
    const completing = positive.some((it) => it.completed);
    const negative = items.filter((it, i) => it && clauses[i].negated);
    if (!positive.length) return { mode: "all", total: 0, exact: true, hits: [], items: [], empty: true };
    const excluded = new Set();
    for (const l of await Promise.all(negative.map((it) => listOf(it, true)))) for (const d of l.docs.keys()) excluded.add(d);
    let lists = await Promise.all(positive.map((it) => listOf(it, exact)));
    for (const all of positive.length > 1 ? [true, false] : [true]) {
      for (;;) {
        const r = combine(lists, all, allowed, excluded);
        let sure = 0; // the best hits that nothing still unloaded can outrank
        while (sure < need && sure < r.confirmed.length && r.confirmed[sure][1] > r.bound) sure++;
        if (r.exact || !tails || (!exact && sure >= Math.min(least, need))) {
          if (r.exact && !r.confirmed.length && all && positive.length > 1) break; // fall back to "any"
          return { mode: all ? "all" : "any", total: r.confirmed.length, exact: r.exact,
            hits: r.confirmed.slice(0, r.exact ? need : sure), items: positive, completing };
        }
        for (const [d] of r.confirmed.slice(0, speculate)) card(d);
        lists = await Promise.all(positive.map((it) => listOf(it, true)));
      }
    }
    return { mode: "any", total: 0, exact: true, hits: [], items: positive, completing };
  }

  // --- cards and facets ----------------------------------------------------------------------
  const cards = new Map(), loaded = new Set();
  function card(doc) {
    if (!cards.has(doc)) {
      const block = manifest.cards.hashes[Math.floor(doc / manifest.cards.block)];
      cards.set(doc, file(`c/${block}/${doc}.json`).then(([id, title, day, source, section, lead, lang]) => {
        loaded.add(doc);
        return { doc, id, title, day, source: meta.sources[source], section, lead, lang: lang || meta.language };
      }));
    }
    return cards.get(doc);
  }

  const undelta = (ids) => { let d = 0; return ids.map((x) => (d += x)); };
  let facetData = null;
  function facets(withAllTags = false) {
    if (!facetData) {
      facetData = file(manifest.facets).then((f) => ({
        source: f.source.map(([i, ids]) => ({ value: meta.sources[i][0], label: meta.sources[i][1],
          type: meta.sources[i][3], docs: undelta(ids) })),
        year: f.year.map(([y, ids]) => ({ value: y, label: y, docs: undelta(ids) })),
        lang: f.lang.map(([l, ids]) => ({ value: l, label: l, docs: undelta(ids) })),
        tag: f.tag.map(([slug, name, ids]) => ({ value: slug, label: name, docs: undelta(ids) })),
        tagCount: f.tags,
      }));
    }
    if (!withAllTags) return facetData;
    return facetData.then(async (f) => {
      if (f.tag.length < f.tagCount) {
        f.tag = (await file(manifest.tags)).map(([slug, name, ids]) => ({ value: slug, label: name, docs: undelta(ids) }));
      }
      return f;
    });
  }

  const hasCard = (doc) => loaded.has(doc);

  /**
   * Whether the word being typed at the end of `text` will very likely end as the term the
   * search takes it for: "warni" can only be warning, warnings or warned, all "warn"; "word"
   * may go on as "wordsworth", but articles with "word" or "words" are most (LIKELY) of those
   * with a word that starts so. Searching it at once then seldom fetches what the next keys
   * make useless.
   */
  async function decided(text) {
    const clauses = A.parse(text), last = clauses[clauses.length - 1];
    if (!beingTyped(clauses, text)) return false;
    const words = A.surfaceTokens(last.text);
    if (words.length !== 1 || chars(words[0]).length < 3) return false;
    const [typed] = words;
    const terms = await complete(typed, Infinity); // one per term, best first, with its df
    const own = (await bucket(typed)).find(([word]) => word === typed);
    const key = own ? termOf(own[0], own[1]) : terms[0]?.key; // the term itemOf takes it for
    if (key === undefined) return false;
    const total = terms.reduce((sum, t) => sum + t.df, 0);
    return terms.find((t) => t.key === key).df >= LIKELY * total;
  }

  /** While someone types: fetch the postings of the words already complete (not the last one). */
  function prefetch(text) {
    const clauses = A.parse(text);
    if (!/[\s"“”„«»]$/u.test(text)) clauses.pop();
    for (const c of clauses) if (c.kind === "word") for (const w of A.surfaceTokens(c.text)) A.keysOf(w, plain).forEach(entry);
  }
  return { search, prefetch, decided, card, hasCard, complete, facets, meta, get manifest() { return manifest; }, size: N };
}
