// Live reload for `python build.py serve`. The preview server adds this script to the pages it
// sends; it is never part of a built site. It listens to the server's event stream and
//  - swaps stylesheets in place when only CSS changed (no navigation),
//  - reloads the page, keeping its scroll position, when the page changed,
//  - shows the build error over the page (the last good build stays visible below it).
(() => {
  "use strict";
  const script = document.currentScript;
  const generation = Number(script?.dataset.generation || 0);
  const here = decodeURIComponent(location.pathname);
  const scrollKey = `clippings-scroll:${here}`;
  const OVERLAY = "clippings-build-error";

  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = saved.split(",").map(Number);
    const restore = () => window.scrollTo(x, y);
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore, { once: true });
  }

  function reload() {
    sessionStorage.setItem(scrollKey, `${window.scrollX},${window.scrollY}`);
    location.reload();
  }

  function concerns(paths) {
    return !paths || paths.some((path) => decodeURIComponent(path) === here);
  }

  function swapStylesheets(paths) {
    const wanted = new Set(paths.map((p) => decodeURIComponent(p)));
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || !wanted.has(decodeURIComponent(url.pathname))) continue;
      url.searchParams.set("clippings", String(Date.now()));
      // The new sheet loads beside the old one, which goes only once it is replaced: no flash.
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", () => link.remove(), { once: true });
      fresh.addEventListener("error", () => link.remove(), { once: true });
      link.after(fresh);
    }
  }

  function showError(message) {
    let box = document.getElementById(OVERLAY);
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;overflow:auto;"
        + "margin:0;padding:1rem 1.25rem;background:#3b0d0c;color:#fff;border-top:4px solid #e5484d;"
        + "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 16px #0006";
      document.body.append(box);
    }
    const title = document.createElement("strong");
    title.textContent = "Clippings: the build failed";
    const text = document.createElement("pre");
    text.style.cssText = "margin:.5rem 0;white-space:pre-wrap;font:inherit";
    text.textContent = message; // text, never HTML: messages quote the content
    const hint = document.createElement("p");
    hint.style.margin = "0";
    hint.textContent = "The page below is the last good build. Fix the file and save: this goes away.";
    box.replaceChildren(title, text, hint);
  }

  function hasError() {
    return document.getElementById(OVERLAY) !== null;
  }

  const events = new EventSource("/__clippings/events");
  events.addEventListener("hello", (event) => {
    const state = JSON.parse(event.data);
    if (state.error) showError(state.error);
    else if (state.generation > generation) reload(); // a build landed while this page loaded
  });
  events.addEventListener("failed", (event) => showError(JSON.parse(event.data).message));
  events.addEventListener("css", (event) => {
    const data = JSON.parse(event.data);
    if (hasError()) reload();
    else swapStylesheets(data.paths);
  });
  events.addEventListener("reload", (event) => {
    const data = JSON.parse(event.data);
    if (hasError() || concerns(data.paths)) reload();
  });
})();
