// make serve only (scripts/serve.py adds it to every page it serves): reload
// when this page's file changes, show why a save did not build
// (overrides/partials/preview-error.html), and remove that box once it builds.
(function () {
  "use strict";
  var OVERLAY = "playbook-preview-error";
  var script = document.currentScript;
  var known = {
    version: script.dataset.version,
    problems: script.dataset.problems,
    instance: script.dataset.instance,
  };

  function overlay() {
    return document.getElementById(OVERLAY);
  }

  // While the box is up, the out-of-date page behind it takes no focus or clicks.
  function setPageInert(inert) {
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (child.id !== OVERLAY && child.tagName !== "SCRIPT") child.inert = inert;
    });
  }

  function show(html) {
    var old = overlay();
    if (old) old.remove();
    setPageInert(Boolean(html));
    if (!html) return;
    document.body.insertAdjacentHTML("beforeend", html);
    overlay().focus();
  }

  function pause(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  async function watch() {
    for (;;) {
      try {
        var query = new URLSearchParams({
          path: location.pathname, version: known.version, problems: known.problems, instance: known.instance,
        });
        var response = await fetch("/.preview/wait?" + query, { cache: "no-store" });
        if (!response.ok) throw new Error("HTTP " + response.status);
        var answer = await response.json();
        if (answer.reload) {
          location.reload();
          return;
        }
        if (answer.problems !== known.problems) {
          known.problems = answer.problems;
          show(answer.overlay);
        }
      } catch (error) {
        await pause(500); // the server is restarting or gone: try again
      }
    }
  }

  if (overlay()) {
    setPageInert(true);
    overlay().focus();
  }
  watch();
})();
