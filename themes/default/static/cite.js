// "Cite this": the BibTeX entry and copy buttons for the citation blocks. Progressive
// enhancement: without JavaScript the APA citation is plain visible text; the BibTeX block, the
// buttons and the status line are made here, since they are of no use without it. The entry is
// written from what the page says already (its JSON-LD, canonical link, the provenance box, the
// box's data attributes), escaped as clippings/render/cite.py does.
(function () {
  "use strict";
  var SPECIALS = {"\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "&": "\\&", "%": "\\%", "$": "\\$",
                  "#": "\\#", "_": "\\_", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}"};
  function bibtex(value) {  // a value for field = {...}: whitespace collapsed, TeX specials escaped
    return String(value || "").split(/\s+/).filter(Boolean).join(" ").replace(/[\\{}&%$#_~^]/g, function (c) {
      return SPECIALS[c];
    });
  }
  function bibtexUrl(value) {  // verbatim for biblatex: only what could unbalance braces is encoded
    return String(value || "").replace(/\s+/g, "").replace(/\\/g, "%5C").replace(/{/g, "%7B").replace(/}/g, "%7D");
  }
  function text(selector, attribute) {
    var node = document.querySelector(selector);
    return node ? (attribute ? node.getAttribute(attribute) : node.textContent) : "";
  }
  function element(tag, attributes, content) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    node.textContent = content || "";
    return node;
  }
  function entryText(box) {  // the BibTeX entry, or "" when the page lacks what it needs
    var ld;
    try { ld = JSON.parse(text('script[type="application/ld+json"]')); } catch (e) { return ""; }
    var date = box.getAttribute("data-date") || "", captured = (text(".provenance time", "datetime") || "").slice(0, 10);
    var sha = text(".provenance code.hash"), publisher = (ld.publisher || {}).name;
    var lines = ["@misc{" + box.getAttribute("data-key") + ",",
      "  author = {{" + bibtex((ld.author || {}).name || publisher) + "}},",
      "  title = {" + bibtex(ld.headline) + "},",
      "  howpublished = {" + bibtex(publisher) + "},",
      "  year = {" + date.slice(0, 4) + "},",
      "  date = {" + date + "},"];
    if (ld.isBasedOn) { lines.push("  url = {" + bibtexUrl(ld.isBasedOn) + "},"); }
    if (captured) { lines.push("  urldate = {" + captured + "},"); }
    lines.push("  note = {Archived in " + bibtex(text('meta[property="og:site_name"]', "content")) + ": \\url{" +
               bibtexUrl(text('link[rel="canonical"]', "href")) + "}" + (sha ? "; capture SHA-256 " + bibtex(sha) : "") + "}", "}");
    return lines.join("\n");
  }
  function addBibtex(box) {  // after the APA block: <details class="cite-bibtex"><summary>BibTeX</summary><pre>…
    var entry = entryText(box);
    if (!entry) { return; }
    var details = element("details", {"class": "cite-bibtex"});
    var pre = element("pre", {"class": "cite-text", id: "cite-bibtex"});
    pre.appendChild(element("code", {}, entry));
    details.appendChild(element("summary", {}, "BibTeX"));
    details.appendChild(pre);
    box.appendChild(details);
  }
  var box = document.querySelector("aside.cite[data-key]");
  if (!box) { return; }
  addBibtex(box);
  var status = element("p", {"class": "cite-status", role: "status", "aria-live": "polite"});
  box.appendChild(status);  // in the page before anything is announced in it
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {  // http:// previews: the older API
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }
  [["cite-apa", "Copy citation"], ["cite-bibtex", "Copy BibTeX"]].forEach(function (pair) {
    var source = document.getElementById(pair[0]);
    if (!source) { return; }
    var button = element("button", {type: "button", "class": "cite-copy", "data-copy": pair[0]}, pair[1]);
    source.after(button);
    button.addEventListener("click", function () {
      copyText(source.textContent).then(function () {
        button.textContent = "Copied";
        status.textContent = "Citation copied to the clipboard.";
      }, function () {
        status.textContent = "Could not copy: select the text and copy it.";
      });
      setTimeout(function () { button.textContent = pair[1]; }, 2500);
    });
  });
})();
