// Versions, languages and links in the browser: switching version or language
// keeps the reader on the same page and #section, any version but the current
// one says so (and what changed since), section headings get copy-link
// buttons (plain, rich and Markdown links), renamed #ids are followed, an
// unknown short link suggests ids, a page overdue for review says so on the
// current version, and a returning reader learns what changed since their last visit. Published versions come from mike's versions.json at the site
// root; which pages a version has comes from its inventory.json (hooks/links.py).
// Without mike (make serve) there is no versions.json and nothing is shown.
(function () {
  "use strict";

  // Every decoding of the address goes through here: a malformed escape
  // (#100%, /go/%E0%A4%A/) makes decodeURIComponent throw, which would stop
  // this whole script; the raw text is then the best reading of it.
  function safeDecode(text) {
    try {
      return decodeURIComponent(text);
    } catch (error) {
      return text;
    }
  }

  var contextElement = document.getElementById("playbook-context");
  if (!contextElement) return;
  var context = JSON.parse(contextElement.textContent);
  // base_url is relative on pages and absolute on the 404 page; both resolve.
  var versionRoot = new URL(context.versionRoot.replace(/\/?$/, "/"), location.href);
  var siteRoot = new URL("../", versionRoot);
  var versionSegment = safeDecode(versionRoot.pathname.replace(/\/$/, "").split("/").pop());

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

  function currentInventory() {
    if (!inventories[""]) inventories[""] = fetchJson(new URL("inventory.json", versionRoot));
    return inventories[""];
  }

  // The inventory's pages in the reader's language, without the language folder.
  function pagesInLanguage(found) {
    var pages = {};
    if (!found || !found.pages) return pages;
    var prefix = languagePrefix(context.language);
    var others = (found.languages || []).filter(function (l) { return l !== found["default"]; })
      .map(function (l) { return l + "/"; });
    Object.keys(found.pages).forEach(function (url) {
      if (prefix ? url.indexOf(prefix) !== 0 : others.some(function (o) { return url.indexOf(o) === 0; })) return;
      pages[url.slice(prefix.length)] = found.pages[url];
    });
    return pages;
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

  // An old link's #id: a renamed id (extra.redirects.sections in mkdocs.yml)
  // is rewritten to the new one; an id that moved to another page is followed there.
  function followRenamedSection() {
    var id = safeDecode(location.hash.slice(1));
    if (!id || document.getElementById(id)) return;
    var renamed = (context.sectionRedirects || {})[id] || id;
    var target = document.getElementById(renamed);
    if (target) {
      history.replaceState(null, "", "#" + encodeURIComponent(renamed));
      target.scrollIntoView();
      keepSectionOnLanguageLinks();
      return;
    }
    currentInventory().then(function (found) {
      var pages = pagesInLanguage(found);
      Object.keys(pages).some(function (page) {
        if (pages[page].indexOf(renamed) < 0 || page === context.page) return false;
        location.replace(new URL(languagePrefix(context.language) + page + "#" + renamed, versionRoot).href);
        return true;
      });
    });
  }
  followRenamedSection();
  window.addEventListener("hashchange", followRenamedSection);

  // Copy link: on every section heading, the permanent link to the section in
  // this version and language; once the published versions are known, a
  // second button copies the link to the same section in latest.
  var status = document.createElement("div");
  status.className = "playbook-copy-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);
  var statusTimer = null;

  function announce(message, link) {
    status.textContent = message;
    if (link) {
      var shown = document.createElement("code");
      shown.textContent = link;
      status.appendChild(document.createTextNode(" "));
      status.appendChild(shown);
    }
    status.classList.add("playbook-copy-status--shown");
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () {
      status.classList.remove("playbook-copy-status--shown");
    }, link ? 10000 : 2500);
  }

  // ``data`` maps clipboard types to text: {"text/plain": …} or, for a rich
  // link, {"text/html": …, "text/plain": …}.
  function copyData(data) {
    var types = Object.keys(data);
    if (navigator.clipboard && window.isSecureContext) {
      if (types.length === 1) return navigator.clipboard.writeText(data["text/plain"]);
      if (navigator.clipboard.write && window.ClipboardItem) {
        var blobs = {};
        types.forEach(function (type) { blobs[type] = new Blob([data[type]], { type: type }); });
        return navigator.clipboard.write([new ClipboardItem(blobs)]);
      }
    }
    // Plain-http intranet hosts have no Clipboard API: the copy command
    // copies the selected plain text, and the copy event sets every type.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = data["text/plain"];
      area.setAttribute("readonly", "");
      area.className = "playbook-copy-scratch";
      document.body.appendChild(area);
      area.select();
      function fill(event) {
        if (types.length === 1 || !event.clipboardData) return;
        types.forEach(function (type) { event.clipboardData.setData(type, data[type]); });
        event.preventDefault();
      }
      document.addEventListener("copy", fill);
      var copied = false;
      try { copied = document.execCommand("copy"); } finally {
        document.removeEventListener("copy", fill);
        document.body.removeChild(area);
      }
      if (copied) resolve(); else reject(new Error("copy refused"));
    });
  }

  function copyText(text) {
    return copyData({ "text/plain": text });
  }

  var published = { version: null, latest: null };  // filled in from versions.json

  function sectionLink(id, version) {
    if (!version) return location.origin + location.pathname + "#" + id;
    return new URL(version + "/" + languagePrefix(context.language) + context.page + "#" + id, siteRoot).href;
  }

  function copyButton(heading, kind) {
    var text = context.text || {};
    var button = document.createElement("button");
    button.type = "button";
    button.className = "playbook-copy-link playbook-copy-link--" + kind;
    var title = headingTitle(heading);
    var label = kind === "latest" ? text.copy_link_latest : text.copy_link;
    button.setAttribute("aria-label", label + ": " + title);
    button.title = label;
    if (kind === "latest") button.textContent = text.copy_link_latest_short;
    button.addEventListener("click", function () {
      var link = sectionLink(heading.id, kind === "latest" ? context.latestAlias : published.version);
      copyText(link).then(function () { announce(text.link_copied); },
                          function () { announce(text.link_copy_failed, link); });
    });
    return button;
  }

  // A heading's own words, without the permalink, buttons and marks the page adds.
  function headingTitle(heading) {
    if (!heading) return "";
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink, button, .playbook-copy-menu, .playbook-visit-mark").forEach(function (node) {
      node.parentNode.removeChild(node);
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // "Page › Section (2026.11)": what a pasted link shows; a permanent link names its version.
  function linkLabel(heading) {
    var page = headingTitle(document.querySelector("article h1"));
    var label = (page ? page + " \u203a " : "") + headingTitle(heading);
    return published.version ? label + " (" + published.version + ")" : label;
  }

  function richLinkData(heading, link) {
    var label = linkLabel(heading);
    return { "text/html": '<a href="' + escapeHtml(link) + '">' + escapeHtml(label) + "</a>",
             "text/plain": label + ": " + link };
  }

  function markdownLink(heading, link) {
    var label = linkLabel(heading).replace(/[\\\[\]]/g, "\\$&");
    return "[" + label + "](" + link.replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/ /g, "%20") + ")";
  }

  // The plain link stays the first button; this one opens the other ways
  // to copy it (a disclosure: Escape closes it and returns to the button).
  var menuCount = 0;
  function copyMenu(heading) {
    var text = context.text || {};
    var wrapper = document.createElement("span");
    wrapper.className = "playbook-copy-more";
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "playbook-copy-link playbook-copy-link--more";
    toggle.setAttribute("aria-label", text.copy_link_more + ": " + headingTitle(heading));
    toggle.title = text.copy_link_more;
    toggle.setAttribute("aria-expanded", "false");
    var menu = document.createElement("span");
    menu.className = "playbook-copy-menu";
    menu.id = "playbook-copy-menu-" + (++menuCount);
    menu.hidden = true;
    toggle.setAttribute("aria-controls", menu.id);
    function open(shown) {
      menu.hidden = !shown;
      toggle.setAttribute("aria-expanded", shown ? "true" : "false");
    }
    toggle.addEventListener("click", function () { open(menu.hidden); });
    wrapper.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || menu.hidden) return;
      open(false);
      toggle.focus();
    });
    [["rich", text.copy_rich_link], ["markdown", text.copy_markdown_link]].forEach(function (choice) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "playbook-copy-link playbook-copy-link--" + choice[0];
      button.textContent = choice[1];
      button.addEventListener("click", function () {
        var link = sectionLink(heading.id, published.version);
        var data = choice[0] === "rich" ? richLinkData(heading, link) : { "text/plain": markdownLink(heading, link) };
        copyData(data).then(function () { announce(text.link_copied); open(false); toggle.focus(); },
                            function () { announce(text.link_copy_failed, data["text/plain"]); });
      });
      menu.appendChild(button);
    });
    wrapper.appendChild(toggle);
    wrapper.appendChild(menu);
    return wrapper;
  }

  var sectionHeadings = Array.prototype.slice.call(
    document.querySelectorAll("article h2[id], article h3[id]"));
  sectionHeadings.forEach(function (heading) {
    heading.appendChild(copyButton(heading, "version"));
    heading.appendChild(copyMenu(heading));
  });

  function addLatestButtons() {
    sectionHeadings.forEach(function (heading) {
      heading.insertBefore(copyButton(heading, "latest"), heading.querySelector(".playbook-copy-more"));
    });
  }

  // On an old version: the changelog entries, published since, that touch
  // this page (or the #section the reader was sent to).
  function showChangesSince(current) {
    var box = document.querySelector("[data-playbook-changed-since]");
    if (!box) return;
    Promise.all([
      fetchJson(new URL(context.latestAlias + "/changelog.json", siteRoot)),
      fetchJson(new URL("changelog.json", versionRoot))
    ]).then(function (found) {
      var latest = found[0], here = found[1];
      if (!latest || !latest.details || !here) return;
      var shipped = here.entries || [];
      var section = safeDecode(location.hash.slice(1));
      var changed = latest.details.filter(function (entry) {
        if (shipped.indexOf(entry.id) >= 0) return false;
        return entry.affects.some(function (target) {
          return target.page === context.page && (!section || !target.section || target.section === section);
        });
      });
      var list = box.querySelector("[data-playbook-changed-list]");
      list.textContent = "";
      changed.forEach(function (entry) {
        var item = document.createElement("li");
        var when = document.createElement("strong");
        when.textContent = entry.date + (entry.version ? " (" + entry.version + ")" : "");
        item.appendChild(when);
        item.appendChild(document.createTextNode(": " + (entry.summary[context.language] || entry.summary[context.defaultLanguage])));
        list.appendChild(item);
      });
      box.hidden = changed.length === 0;
    });
  }

  // Overdue for review: the due date is in the page, the date is the
  // reader's own, in their time zone (compared as YYYY-MM-DD text).
  function readersToday() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function showOverdue() {
    var notice = document.querySelector("[data-playbook-overdue]");
    if (notice && readersToday() > notice.getAttribute("data-due")) notice.hidden = false;
  }

  // "Changed since your last visit". This browser remembers, per language
  // (localStorage, never sent anywhere), which changelog entries of each page
  // the reader has seen; entries of this version's changelog.json that name
  // the page and were not seen are listed, and the sections they name marked.
  var visitKey = "playbook-visits-" + context.language;

  function visits() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(visitKey) || "{}");
      return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
    } catch (error) {
      return {};  // no storage (private mode, blocked) or a damaged record
    }
  }

  function rememberSeen(release, ids) {
    var stored = visits();
    var before = stored[context.page] && Array.isArray(stored[context.page].seen) ? stored[context.page].seen : [];
    // Seen once stays seen: reading an older version afterwards forgets nothing.
    var seen = before.concat(ids.filter(function (id) { return before.indexOf(id) < 0; }));
    stored[context.page] = { release: release, seen: seen };
    try { window.localStorage.setItem(visitKey, JSON.stringify(stored)); } catch (error) { /* not stored */ }
  }

  function showVisitChanges(release) {
    var box = document.querySelector("[data-playbook-visit-changes]");
    if (!box) return;
    fetchJson(new URL("changelog.json", versionRoot)).then(function (shipped) {
      if (!shipped || !Array.isArray(shipped.details)) return;
      var onThisPage = shipped.details.filter(function (entry) {
        return (entry.affects || []).some(function (target) { return target.page === context.page; });
      });
      var ids = onThisPage.map(function (entry) { return entry.id; });
      var record = visits()[context.page];
      if (!record || !Array.isArray(record.seen)) {
        rememberSeen(release, ids);  // the first visit: nothing to compare with
        return;
      }
      var unseen = onThisPage.filter(function (entry) { return record.seen.indexOf(entry.id) < 0; });
      if (!unseen.length) {
        rememberSeen(release, ids);
        return;
      }
      var list = box.querySelector("[data-playbook-visit-list]");
      list.textContent = "";
      var marked = [];
      unseen.forEach(function (entry) {
        var item = document.createElement("li");
        entry.affects.forEach(function (target) {
          if (target.page !== context.page || !target.section) return;
          var heading = document.getElementById(target.section);
          if (!heading) return;  // only a section the page really has is named
          if (item.childNodes.length) item.appendChild(document.createTextNode(", "));
          var link = document.createElement("a");
          link.href = "#" + encodeURIComponent(target.section);
          link.textContent = headingTitle(heading);
          item.appendChild(link);
          if (marked.indexOf(heading) < 0) marked.push(heading);
        });
        var when = entry.date + (entry.version ? ", " + entry.version : "");
        item.appendChild(document.createTextNode((item.childNodes.length ? ": " : "") +
          (entry.summary[context.language] || entry.summary[context.defaultLanguage]) + " (" + when + ")"));
        list.appendChild(item);
      });
      marked.forEach(function (heading) {
        heading.classList.add("playbook-visit-changed");
        var mark = document.createElement("span");
        mark.className = "playbook-visit-mark";
        mark.textContent = (context.text || {}).visit_changed_title;
        heading.insertBefore(mark, heading.querySelector(".headerlink"));
      });
      box.querySelector("[data-playbook-mark-read]").addEventListener("click", function () {
        rememberSeen(release, ids);
        box.hidden = true;
        marked.forEach(function (heading) {
          heading.classList.remove("playbook-visit-changed");
          var mark = heading.querySelector(".playbook-visit-mark");
          if (mark) heading.removeChild(mark);
        });
        // The button is gone: keep the keyboard where the reader was.
        var title = document.querySelector("article h1");
        if (title) {
          title.setAttribute("tabindex", "-1");
          title.focus();
        }
      });
      box.hidden = false;
    });
  }

  // 404 page of a short link (/go/<name>/) that does not exist: the closest names.
  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var previous = row[0];
      row[0] = i;
      for (var k = 1; k <= b.length; k++) {
        var saved = row[k];
        row[k] = Math.min(row[k] + 1, row[k - 1] + 1, previous + (a[i - 1] === b[k - 1] ? 0 : 1));
        previous = saved;
      }
    }
    return row[b.length];
  }

  function suggestShortLinks() {
    var box = document.querySelector("[data-playbook-short-link-suggestions]");
    var match = location.pathname.match(/\/go\/([^/]+)\/?$/);
    if (!box || !match) return;
    var wanted = safeDecode(match[1]).toLowerCase();
    currentInventory().then(function (found) {
      var pages = pagesInLanguage(found);
      var names = {};
      Object.keys(pages).forEach(function (page) {
        names[page.replace(/\/$/, "") || "index"] = true;
        pages[page].forEach(function (id) { names[id] = true; });
      });
      var ranked = Object.keys(names).map(function (name) {
        var score = distance(wanted, name);
        if (name.indexOf(wanted) >= 0 || wanted.indexOf(name) >= 0) score = Math.min(score, 1);
        return { name: name, score: score };
      }).sort(function (a, b) { return a.score - b.score || (a.name < b.name ? -1 : 1); }).slice(0, 5);
      var list = box.querySelector("ul");
      ranked.forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = new URL(languagePrefix(context.language) + "go/" + entry.name + "/", versionRoot).href;
        link.textContent = entry.name;
        item.appendChild(link);
        list.appendChild(item);
      });
      box.hidden = ranked.length === 0;
    });
  }
  suggestShortLinks();

  if (!context.published) {
    // make serve or a plain build: the working copy is the newest text.
    showOverdue();
    showVisitChanges(null);
  }

  (context.published ? fetchJson(new URL("versions.json", siteRoot)) : Promise.resolve(null)).then(function (versions) {
    if (!Array.isArray(versions)) return;
    var current = findVersion(versions, versionSegment);
    if (!current) return;
    var latest = findVersion(versions, context.latestAlias);
    // Older versions carry their banner instead of an overdue notice.
    if (latest && latest.version === current.version) showOverdue();
    showVisitChanges(current.version);
    published.version = current.version;
    published.latest = latest;
    showSelector(versions, current);
    showBanner(current, latest);
    if (latest) addLatestButtons();
    if (latest && latest.version !== current.version) showChangesSince(current);
  });
})();
