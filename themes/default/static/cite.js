// "Cite this": copy buttons for the citation blocks. Progressive enhancement: without
// JavaScript the citations are plain visible text and the buttons stay hidden.
(function () {
  "use strict";
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
