// The search page: results as you type, completions (ARIA combobox), filters with counts,
// paging, keyboard navigation, and the query in the URL (links and the back button work).
// Builds every element with textContent: titles and snippets are never parsed as HTML.

const $ = (id) => document.getElementById(id);
const app = $("search-app"), input = $("search-q"), list = $("search-results"), status = $("search-status");
const more = $("search-more"), options = $("search-suggestions"), panel = $("search-filters"), facetBox = $("search-facets");
const base = app.dataset.base;
const PAGE = 10, FIRST = 3, FACETS = ["source", "type", "tag", "year", "lang"];
const NAMES = { source: "Source", type: "Type of source", tag: "Tag", year: "Year", lang: "Language" };
const MONTHS = "January February March April May June July August September October November December".split(" ");
let A, engine, generation = 0, shown = PAGE, filters = {}, committed = true, commitTimer, statusTimer, pauseTimer;
let active = -1;

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

// --- URL state -------------------------------------------------------------------------------
function readURL() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  filters = Object.fromEntries(FACETS.map((f) => [f, params.getAll(f)]));
  shown = PAGE;
}
function writeURL(commit) {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const f of FACETS) for (const v of filters[f]) params.append(f, v);
  const query = params.toString(), url = location.pathname + (query ? "?" + query : "");
  if (url !== location.pathname + location.search) {
    // A settled search gets its own history entry; keystrokes after it replace one new entry.
    history[committed ? "pushState" : "replaceState"]({}, "", url);
    committed = false;
  }
  clearTimeout(commitTimer);
  if (commit) committed = true;
  else commitTimer = setTimeout(() => (committed = true), 1000);
}

// --- searching -------------------------------------------------------------------------------
const hasFilters = () => FACETS.some((f) => filters[f].length);

async function allowedDocs() {
  if (!hasFilters()) return null;
  const data = await engine.facets(filters.tag.length > 0);
  const allowed = new Uint8Array(engine.size).fill(1);
  for (const f of FACETS) {
    if (!filters[f].length) continue;
    const inFacet = new Uint8Array(engine.size);
    for (const v of valuesOf(data, f)) if (filters[f].includes(v.value)) for (const d of v.docs) inFacet[d] = 1;
    for (let d = 0; d < allowed.length; d++) allowed[d] &= inFacet[d];
  }
  return allowed;
}

function valuesOf(data, facet) {
  if (facet !== "type") return data[facet];
  const types = new Map();
  for (const s of data.source) {
    if (!types.has(s.type)) types.set(s.type, { value: s.type, label: s.type, docs: [] });
    types.get(s.type).docs.push(...s.docs);
  }
  return [...types.values()];
}

// While someone types, each keystroke only fetches what the words typed so far need (and the
// completions of the word being typed); results, with their cards, come once typing pauses for
// PAUSE ms. A paste, Enter, a filter, the back button or a link search at once.
// Typing need not wait for the pause when the word being typed will very likely end as the
// term it is searched as (engine.decided): the best FIRST results that are certain without any
// tail are shown at once (`early`), and the pause brings the rest of the page.
async function run({ partial = false, commit = false, focusFrom = -1, early = false } = {}) {
  const mine = ++generation, text = input.value;
  if (!text.trim()) {
    list.replaceChildren();
    more.hidden = true;
    announce("", partial);
    writeURL(commit);
    app.dataset.query = app.dataset.shown = "";
    return;
  }
  try {
    const allowed = await allowedDocs();
    if (early) {
      const quick = await engine.search(text, { need: FIRST, allowed, partial, tails: false });
      const cards = await Promise.all(quick.hits.map(([doc]) => engine.card(doc)));
      if (mine === generation && cards.length) renderList(quick, cards, text);
      return;
    }
    // The first page may be the results that are certain without the tails of very common words
    // (at least FIRST of them); "More results" asks for all.
    const result = await engine.search(text, { need: shown, least: shown > PAGE ? shown : FIRST, allowed, partial,
      speculate: focusFrom < 0 ? FIRST : 0 });
    const pending = result.hits.map(([doc]) => engine.card(doc));
    if (focusFrom < 0 && !result.hits.every(([doc]) => engine.hasCard(doc))) {
      // The best few first: they are on screen while the rest of the page is on its way.
      const first = await Promise.all(pending.slice(0, FIRST));
      if (mine !== generation) return;
      if (first.length) renderList(result, first, text);
    }
    const cards = await Promise.all(pending);
    if (mine !== generation) return; // a newer search is under way
    renderResults(result, cards, text, partial, focusFrom);
    writeURL(commit);
    if (panel.open) await renderFacets(text, partial, mine);
  } catch (error) {
    if (error.stale && mine === generation) return run({ partial, commit });
    if (mine === generation) announce("Search failed: " + error.message, false);
    console.error(error);
  }
}

function announce(message, typing) {
  // While someone types, the live region waits for a pause, so it is not read out per keystroke.
  clearTimeout(statusTimer);
  if (typing) statusTimer = setTimeout(() => (status.textContent = message), 400);
  else status.textContent = message;
}

// --- rendering -------------------------------------------------------------------------------
function highlighter(items) {
  const keys = new Set();
  for (const item of items) {
    if (item.keys && item.kind === "any") item.keys.forEach((k) => keys.add(k));
    else for (const w of item.words) A.keysOf(w, true).forEach((k) => keys.add(k));
  }
  return (text) => {
    const out = [];
    let at = 0;
    for (const t of A.tokenize(text)) {
      if (!keys.has(A.stem(t.word)) && !keys.has(A.PLAIN_MARK + t.word)) continue;
      out.push(text.slice(at, t.start), el("mark", { textContent: text.slice(t.start, t.end) }));
      at = t.end;
    }
    out.push(text.slice(at));
    return out;
  };
}

const link = (path) => base + path.split("/").map(encodeURIComponent).join("/");
const day = (iso) => `${+iso.slice(8, 10)} ${MONTHS[+iso.slice(5, 7) - 1]} ${iso.slice(0, 4)}`;

function renderList(result, cards, text) {
  const mark = highlighter(result.items);
  list.replaceChildren(...cards.map((card) => {
    const [key, name, label, type] = card.source;
    return el("li", { className: "search-result", lang: card.lang },
      el("h2", { className: "search-title" }, el("a", { href: link(`articles/${card.id}/`) }, ...mark(card.title))),
      el("p", { className: "search-meta" },
        el("a", { className: `badge badge-${type.replace(/ /g, "-")}`, href: link(`sources/${key}/`), title: `${name}: ${label}` },
          el("span", { className: "badge-name", textContent: name }), " ", el("span", { className: "badge-label", textContent: label })),
        " ", el("time", { dateTime: card.day, textContent: day(card.day) }),
        card.section ? ` · ${card.section}` : null),
      card.lead ? el("p", { className: "search-snippet" }, ...mark(card.lead)) : null);
  }));
  app.dataset.shown = text; // results on screen (the benchmark times this)
}

function renderResults(result, cards, text, typing, focusFrom) {
  renderList(result, cards, text);
  more.hidden = result.exact && result.total <= cards.length;
  const count = `${result.total}${result.exact ? "" : "+"} ${result.total === 1 ? "article" : "articles"}`;
  const quoted = `“${text.trim()}”`;
  let message;
  if (result.empty) message = `${quoted} has only very common words; try others.`;
  else if (!result.total) message = `No articles match ${quoted}${hasFilters() ? " with these filters" : ""}.`;
  else if (result.mode === "any") message = `No article has all the words of ${quoted}; ${count} have some of them.`;
  else message = `${count} match ${quoted}.`;
  const completed = result.items.find((it) => it.completed);
  if (completed) message += ` (Showing “${completed.completed}” for “${completed.words[0]}”.)`;
  announce(message, typing);
  app.dataset.query = text; // what the list shows (tests and benchmarks wait for it)
  if (focusFrom >= 0) list.querySelectorAll(".search-title a")[focusFrom]?.focus();
}

async function renderFacets(text, partial, mine) {
  const [data, all] = await Promise.all([engine.facets(true), engine.search(text, { need: engine.size, exact: true, partial })]);
  if (mine !== generation) return;
  const matching = all.hits.map(([d]) => d);
  const masks = {};
  for (const f of FACETS) {
    const mask = new Uint8Array(engine.size);
    for (const v of valuesOf(data, f)) if (!filters[f].length || filters[f].includes(v.value)) for (const d of v.docs) mask[d] = 1;
    masks[f] = mask;
  }
  const groups = FACETS.map((f) => {
    // Counts for one facet apply the other facets' filters, so choices within it add up.
    const docs = new Uint8Array(engine.size);
    for (const d of matching) if (FACETS.every((g) => g === f || masks[g][d])) docs[d] = 1;
    let values = valuesOf(data, f).map((v) => ({ ...v, count: v.docs.reduce((n, d) => n + docs[d], 0) }))
      .filter((v) => v.count || filters[f].includes(v.value));
    if (f === "tag") values = values.sort((a, b) => b.count - a.count).filter((v, i) => i < 15 || filters.tag.includes(v.value));
    if (!values.length) return null;
    return el("fieldset", { className: `search-facet search-facet-${f}` }, el("legend", { textContent: NAMES[f] }),
      el("ul", {}, ...values.map((v) => el("li", {}, el("label", {},
        el("input", { type: "checkbox", name: f, value: v.value, checked: filters[f].includes(v.value) }),
        ` ${v.label} `, el("span", { className: "count", textContent: `(${v.count})` }))))));
  });
  facetBox.replaceChildren(...groups.filter(Boolean));
}

facetBox.addEventListener("change", (event) => {
  const box = event.target;
  filters[box.name] = box.checked ? [...filters[box.name], box.value] : filters[box.name].filter((v) => v !== box.value);
  shown = PAGE;
  run({ commit: true });
});
panel.addEventListener("toggle", () => panel.open && input.value.trim() && run());

// --- completions (the combobox's listbox) ----------------------------------------------------
function lastWord() {
  const text = input.value;
  if (input.selectionEnd !== text.length || /\s$/u.test(text)) return null;
  const clauses = A.parse(text), last = clauses[clauses.length - 1];
  if (!last || last.kind !== "word" || last.end !== text.length) return null;
  const words = A.surfaceTokens(last.text);
  return words.length === 1 && [...words[0]].length >= 3 ? words[0] : null;
}

async function suggest() {
  const word = lastWord(), text = input.value;
  const found = word ? (await engine.complete(word, 7)).filter((c) => c.word !== word).slice(0, 6) : [];
  if (text !== input.value) return; // typed on meanwhile
  active = -1;
  options.replaceChildren(...found.map((c, i) =>
    el("li", { id: `search-option-${i}`, role: "option", textContent: c.word, ariaSelected: "false" })));
  options.hidden = !found.length;
  input.setAttribute("aria-expanded", String(!options.hidden));
  input.removeAttribute("aria-activedescendant");
}

function choose(word) {
  input.value = input.value.replace(/[^\s"“”„«»*-]+$/u, word) + " ";
  closeOptions();
  input.focus();
  run({ commit: true });
}

function closeOptions() {
  options.hidden = true;
  active = -1;
  input.setAttribute("aria-expanded", "false");
  input.removeAttribute("aria-activedescendant");
}

function moveActive(step) {
  const items = options.querySelectorAll("[role=option]");
  if (!items.length) return false;
  active = ((active + 1 + step + items.length + 1) % (items.length + 1)) - 1; // -1: back in the input
  items.forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
  if (active >= 0) input.setAttribute("aria-activedescendant", items[active].id);
  else input.removeAttribute("aria-activedescendant");
  return true;
}

options.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
options.addEventListener("click", (event) => event.target.matches("[role=option]") && choose(event.target.textContent));

// --- keyboard and input ----------------------------------------------------------------------
const PAUSE = 80;
input.addEventListener("input", (event) => {
  shown = PAGE;
  clearTimeout(pauseTimer);
  if ((event.data || "").length > 1 || event.inputType === "insertFromPaste") {
    // Pasted (or a word put in whole): the words are complete. Completions wait for the
    // results, so their file does not hold up the postings' requests.
    return void run().finally(() => suggest().catch(console.error));
  }
  suggest().catch(console.error);
  const mine = ++generation; // whatever is under way is out of date
  engine.prefetch(input.value);
  pauseTimer = setTimeout(() => run({ partial: true }), PAUSE);
  engine.decided(input.value).then((yes) => yes && mine === generation && run({ partial: true, early: true }))
    .catch(console.error);
});

input.addEventListener("keydown", (event) => {
  const open = !options.hidden;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    if (open && moveActive(event.key === "ArrowDown" ? 1 : -1)) event.preventDefault();
    else if (event.key === "ArrowDown" && list.querySelector("a")) {
      event.preventDefault();
      list.querySelector(".search-title a").focus();
    }
  } else if (event.key === "Enter") {
    event.preventDefault();
    if (open && active >= 0) choose(options.querySelectorAll("[role=option]")[active].textContent);
    else { closeOptions(); run({ commit: true }); }
  } else if (event.key === "Escape") {
    event.preventDefault();
    if (open) closeOptions();
    else if (input.value) { input.value = ""; run({ commit: true }); }
  }
});
input.addEventListener("blur", () => setTimeout(closeOptions, 100));
input.form.addEventListener("submit", (event) => { event.preventDefault(); run({ commit: true }); });

list.addEventListener("keydown", (event) => {
  const links = [...list.querySelectorAll(".search-title a")], at = links.indexOf(document.activeElement);
  if (at < 0) return;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus(); else links[Math.min(next, links.length - 1)].focus();
  } else if (event.key === "Escape") {
    event.preventDefault();
    input.focus();
  }
});

more.addEventListener("click", () => {
  const from = list.children.length;
  shown = from + PAGE;
  run({ commit: true, focusFrom: from });
});

window.addEventListener("popstate", () => {
  readURL();
  committed = true;
  if (hasFilters()) panel.open = true;
  run({ commit: true });
});

// --- start -----------------------------------------------------------------------------------
readURL();
if (hasFilters()) panel.open = true;
Promise.all([import(app.dataset.analysis), import(app.dataset.engine)])
  .then(async ([analysis, module]) => {
    A = analysis;
    engine = await module.createEngine(app.dataset.index, A);
    window.clippingsSearch = { engine, analysis: A };
    app.classList.add("search-ready");
    if (input.value.trim()) await run({ commit: true });
    else if (!location.search) input.focus();
  })
  .catch((error) => {
    status.textContent = "Search is unavailable here: " + error.message;
    throw error;
  });
