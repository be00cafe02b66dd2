// Text analysis for the search client: the same chain the build runs through Whoosh
// (search/analysis.py): its regex tokenizer, lower-casing, the English stop list, Whoosh's
// Porter stemmer (ported line by line, quirks included), and the query syntax (search/query.py).
// Tests run this file against the word -> stem pairs the build writes out.

export const ANALYSIS_VERSION = 1;
export const PLAIN_MARK = "~";
export const PREFIX_TERMS = 16;

// Whoosh's English stop list (whoosh.lang.stopwords, "en").
export const STOP_WORDS = new Set((
  "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself " +
  "she her hers herself it its itself they them their theirs themselves what which who whom this " +
  "that these those am is are was were be been being have has had having do does did doing a an " +
  "the and but if or because as until while of at by for with about against between into through " +
  "during before after above below to from up down in out on off over under again further then " +
  "once here there when where why how all any both each few more most other some such no nor not " +
  "only own same so than too very s t can will just don should now").split(" "));

// Whoosh's tokenizer, \w+(\.?\w+)*, where Python's \w is a letter, a number or "_".
const W = "[\\p{L}\\p{N}_]";
const TOKEN = new RegExp(`${W}+(?:\\.?${W}+)*`, "gu");
const length = (s) => (/[\ud800-\udfff]/.test(s) ? [...s].length : s.length);

/** Lower-cased tokens of `text` without stop words or one-letter tokens, with their offsets. */
export function tokenize(text) {
  const out = [];
  for (const m of text.matchAll(TOKEN)) {
    const word = m[0].toLowerCase();
    if (length(word) >= 2 && !STOP_WORDS.has(word)) out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export const surfaceTokens = (text) => tokenize(text).map((t) => t.word);

// --- Whoosh's Porter stemmer (whoosh/lang/porter.py) -------------------------------------
const STEP2 = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble",
  alli: "al", entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate",
  alism: "al", iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive",
  biliti: "ble", logi: "log" };
const STEP3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
const C = "[^aeiouy]+", V = "[aeiou]+";
const re = (source) => new RegExp(source, "u");
const MGR0 = re(`^(?:${C})?${V}${C}`);
const MEQ1 = re(`^(?:${C})?${V}${C}(?:${V})?$`);
const MGR1 = re(`^(?:${C})?${V}${C}${V}${C}`);
const S_V = re(`^(?:${C})?[aeiouy]`);
const C_V = re(`^${C}[aeiouy][^aeiouwxy]$`);
const ED_ING = re("^(.*)(ed|ing)$");
// Whoosh calls re.match (anchored at the start) on these two: they only match whole words.
const AT_BL_IZ = re("^(?:at|bl|iz)$");
const DOUBLE = re("^([^aeiouylsz])\\1$");
const SUFFIX2 = re(`^(.+?)(${Object.keys(STEP2).join("|")})$`);
const SUFFIX3 = re(`^(.+?)(${Object.keys(STEP3).join("|")})$`);
const SUFFIX4 = re("^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$");
const SUFFIX4_ION = re("^(.+?)(s|t)(ion)$");
const SUFFIX5 = re("^(.+?)e$");
const stems = new Map();

export function stem(word) {
  let w = stems.get(word);
  if (w === undefined) stems.set(word, (w = porter(word)));
  return w;
}

function porter(w) {
  if (length(w) < 3) return w;
  const firstY = w[0] === "y";
  if (firstY) w = "Y" + w.slice(1);
  if (w.endsWith("s")) { // step 1a
    if (w.endsWith("sses") || w.endsWith("ies")) w = w.slice(0, -2);
    else if (w[w.length - 2] !== "s") w = w.slice(0, -1);
  }
  if (w.endsWith("eed")) { // step 1b
    if (MGR0.test(w.slice(0, -3))) w = w.slice(0, -1);
  } else {
    const m = ED_ING.exec(w);
    if (m && S_V.test(m[1])) {
      w = m[1];
      if (AT_BL_IZ.test(w)) w += "e";
      else if (DOUBLE.test(w)) w = w.slice(0, -1);
      else if (C_V.test(w)) w += "e";
    }
  }
  if (w.endsWith("y") && S_V.test(w.slice(0, -1))) w = w.slice(0, -1) + "i"; // step 1c
  let m = SUFFIX2.exec(w);
  if (m && MGR0.test(m[1])) w = m[1] + STEP2[m[2]];
  m = SUFFIX3.exec(w);
  if (m && MGR0.test(m[1])) w = m[1] + STEP3[m[2]];
  m = SUFFIX4.exec(w);
  if (m) {
    if (MGR1.test(m[1])) w = m[1];
  } else if ((m = SUFFIX4_ION.exec(w)) && MGR1.test(m[1] + m[2])) {
    w = m[1] + m[2];
  }
  m = SUFFIX5.exec(w);
  if (m && (MGR1.test(m[1]) || (MEQ1.test(m[1]) && !C_V.test(m[1])))) w = m[1];
  if (w.endsWith("ll") && MGR1.test(w)) w = w.slice(0, -1);
  if (firstY) w = "y" + w.slice(1);
  return w;
}

// --- keys and hashes ---------------------------------------------------------------------
/** The export keys of a surface token: its stem, and (sites with other languages) itself. */
export const keysOf = (word, plain) => (plain ? [stem(word), PLAIN_MARK + word] : [stem(word)]);
export const pairKeysOf = (a, b, plain) =>
  plain ? [`${stem(a)} ${stem(b)}`, `${PLAIN_MARK}${a} ${b}`] : [`${stem(a)} ${stem(b)}`];

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const utf8 = new TextEncoder();

/** CRC-32 of the UTF-8 bytes, as Python's zlib.crc32: how keys are spread over files. */
export function crc32(text) {
  let c = -1;
  for (const byte of utf8.encode(text)) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

// --- query syntax ------------------------------------------------------------------------
const QUOTES = "\"“”„«»";
const CLAUSE = new RegExp(`(-?)(?:[${QUOTES}]([^${QUOTES}]*)[${QUOTES}]?|([^\\s${QUOTES}]+))`, "gu");

/** Clauses of a query: {kind: "word" | "phrase" | "prefix", text, negated, end}. */
export function parse(text) {
  const clauses = [];
  for (const m of text.matchAll(CLAUSE)) {
    const negated = m[1] === "-", end = m.index + m[0].length;
    if (m[2] !== undefined) {
      if (m[2].trim()) clauses.push({ kind: "phrase", text: m[2].trim(), negated, end, quoted: true });
      continue;
    }
    const word = m[3], bare = word.replace(/\*+$/u, "");
    if (word.endsWith("*") && bare) clauses.push({ kind: "prefix", text: bare.toLowerCase(), negated, end });
    else if (word.replace(/^[*-]+|[*-]+$/gu, "")) {
      clauses.push({ kind: "word", text: word.replace(/^\*+|\*+$/gu, ""), negated, end });
    }
  }
  return clauses;
}
