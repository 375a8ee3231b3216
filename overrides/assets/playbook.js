// Versions and languages in the browser: switching version or language keeps
// the reader on the same page and #section, and any version but the current
// one says so. Published versions come from mike's versions.json at the site
// root; which pages a version has comes from its inventory.json (hooks/links.py).
// Without mike (make serve) there is no versions.json and nothing is shown.
(function () {
  "use strict";

  var contextElement = document.getElementById("playbook-context");
  if (!contextElement) return;
  var context = JSON.parse(contextElement.textContent);
  // base_url is relative on pages and absolute on the 404 page; both resolve.
  var versionRoot = new URL(context.versionRoot.replace(/\/?$/, "/"), location.href);
  var siteRoot = new URL("../", versionRoot);
  var versionSegment = decodeURIComponent(versionRoot.pathname.replace(/\/$/, "").split("/").pop());

  function languagePrefix(language) {
    return language === context.defaultLanguage ? "" : language + "/";
  }

  function fetchJson(url) {
    return fetch(url, { cache: "no-cache" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).catch(function () { return null; });
  }

  var inventories = {};
  function inventory(version) {
    if (!inventories[version]) inventories[version] = fetchJson(new URL(version + "/inventory.json", siteRoot));
    return inventories[version];
  }

  // The same page and section in another version, or, when that version has
  // no such page, its home in the reader's language (never a 404).
  function addressIn(version) {
    var home = languagePrefix(context.language);
    return inventory(version).then(function (found) {
      var pages = (found && found.pages) || {};
      var path = home + context.page;
      if (pages.hasOwnProperty(path)) return new URL(version + "/" + path + location.hash, siteRoot).href;
      if (pages.hasOwnProperty(home)) return new URL(version + "/" + home, siteRoot).href;
      return new URL(version + "/", siteRoot).href;
    });
  }

  function directAddress(version) {
    return new URL(version + "/" + languagePrefix(context.language) + context.page + location.hash, siteRoot).href;
  }

  // Follow a link through addressIn(), keeping ctrl/cmd-click for new tabs.
  function followResolved(link, version) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      addressIn(version).then(function (address) { location.href = address; });
    });
  }

  // Language switcher: links are page-relative (same version); add the section.
  function keepSectionOnLanguageLinks() {
    document.querySelectorAll("a[data-playbook-language]").forEach(function (link) {
      link.hash = location.hash;
    });
  }
  keepSectionOnLanguageLinks();
  window.addEventListener("hashchange", keepSectionOnLanguageLinks);
  // Capture phase, and no further: no other script may rewrite the address.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-playbook-language]");
    if (!link) return;
    link.hash = location.hash;
    event.stopPropagation();
  }, true);

  function findVersion(versions, name) {
    for (var i = 0; i < versions.length; i++) {
      if (versions[i].version === name || (versions[i].aliases || []).indexOf(name) >= 0) return versions[i];
    }
    return null;
  }

  function label(version) {
    var aliases = (version.aliases || []).filter(function (alias) { return alias !== version.version; });
    return (version.title || version.version) + (aliases.length ? " (" + aliases.join(", ") + ")" : "");
  }

  function showSelector(versions, current) {
    var selector = document.querySelector("[data-playbook-versions]");
    if (!selector) return;
    selector.querySelector("[data-playbook-version-current]").textContent = label(current);
    var list = selector.querySelector("[data-playbook-version-list]");
    versions.forEach(function (version) {
      // Previews are hidden versions: listed only while one is being read.
      if (version.properties && version.properties.hidden && version !== current) return;
      var item = document.createElement("li");
      item.className = "md-select__item";
      var link = document.createElement("a");
      link.className = "md-select__link";
      link.href = directAddress(version.version);
      link.textContent = label(version);
      link.setAttribute("data-playbook-version", version.version);
      if (version === current) link.setAttribute("aria-current", "page");
      followResolved(link, version.version);
      item.appendChild(link);
      list.appendChild(item);
    });
    window.addEventListener("hashchange", function () {
      list.querySelectorAll("a[data-playbook-version]").forEach(function (link) {
        link.href = directAddress(link.getAttribute("data-playbook-version"));
      });
    });
    selector.hidden = false;
  }

  function showBanner(current, latest) {
    var banner = document.querySelector("[data-playbook-version-banner]");
    if (!banner || !latest || current.version === latest.version) return;
    var properties = current.properties || {};
    var kind = properties.hidden ? "preview" : properties.kind === "development" ? "development" : "outdated";
    banner.querySelectorAll("[data-kind]").forEach(function (title) {
      title.hidden = title.getAttribute("data-kind") !== kind;
    });
    banner.querySelector("[data-playbook-version-name]").textContent = label(current);
    var link = banner.querySelector("[data-playbook-latest-link]");
    function point() { link.href = directAddress(context.latestAlias); }
    point();
    window.addEventListener("hashchange", point);
    followResolved(link, context.latestAlias);
    banner.hidden = false;
  }

  fetchJson(new URL("versions.json", siteRoot)).then(function (versions) {
    if (!Array.isArray(versions)) return;
    var current = findVersion(versions, versionSegment);
    if (!current) return;
    showSelector(versions, current);
    showBanner(current, findVersion(versions, context.latestAlias));
  });
})();
