// "Cite this": the BibTeX entry and copy buttons for the citation blocks. Progressive
// enhancement: without JavaScript the APA citation is plain visible text, the buttons and the
// BibTeX block stay hidden. The entry is written from what the page says already (its JSON-LD,
// the provenance box, the block's data attributes), escaped as clippings/render/cite.py does.
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
  function writeBibtex(pre) {
    var ld;
    try { ld = JSON.parse(text('script[type="application/ld+json"]')); } catch (e) { return false; }
    var date = pre.getAttribute("data-date") || "", captured = (text(".provenance time", "datetime") || "").slice(0, 10);
    var sha = text(".provenance code.hash"), publisher = (ld.publisher || {}).name;
    var lines = ["@misc{" + pre.getAttribute("data-key") + ",",
      "  author = {{" + bibtex((ld.author || {}).name || publisher) + "}},",
      "  title = {" + bibtex(ld.headline) + "},",
      "  howpublished = {" + bibtex(publisher) + "},",
      "  year = {" + date.slice(0, 4) + "},",
      "  date = {" + date + "},"];
    if (ld.isBasedOn) { lines.push("  url = {" + bibtexUrl(ld.isBasedOn) + "},"); }
    if (captured) { lines.push("  urldate = {" + captured + "},"); }
    lines.push("  note = {Archived in " + bibtex(text('meta[property="og:site_name"]', "content")) + ": \\url{" +
               bibtexUrl(ld.mainEntityOfPage) + "}" + (sha ? "; capture SHA-256 " + bibtex(sha) : "") + "}", "}");
    pre.querySelector("code").textContent = lines.join("\n");
    return true;
  }
  var entry = document.getElementById("cite-bibtex");
  if (entry && writeBibtex(entry)) { entry.closest("details").hidden = false; }
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
  document.querySelectorAll("button.cite-copy[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    var status = button.closest(".cite") && button.closest(".cite").querySelector(".cite-status");
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(source.textContent).then(function () {
        button.textContent = "Copied";
        if (status) { status.textContent = "Citation copied to the clipboard."; }
      }, function () {
        if (status) { status.textContent = "Could not copy: select the text and copy it."; }
      });
      setTimeout(function () { button.textContent = label; }, 2500);
    });
  });
})();
