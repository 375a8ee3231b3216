/*
 * Search in the page's own language.
 *
 * Material's bundle fetches one index per site, search/search_index.json next
 * to its base URL, and hands it to its search worker. The playbook writes one
 * index per language instead (hooks/search.py). This script runs before the
 * bundle and
 *
 * - sends that one request to this language's index set-up (data-index,
 *   relative to the page, so each published version searches its own copy;
 *   the worker then downloads the pieces of the index a query needs), and only
 *   once the reader opens search: a page view downloads no index, and the
 *   worker builds none, for readers who never search;
 * - swaps in the playbook's search worker (data-worker), which is Material's
 *   worker plus word forms (workers/playbook-search.js).
 *
 * Material's base URL stays as it is: its version selector and result links
 * rely on it.
 */
(function () {
  "use strict"
  var script = document.currentScript
  var element = document.getElementById("__config")
  if (!script || !element)
    return
  var config = JSON.parse(element.textContent)
  var combined = new URL("search/search_index.json", new URL(config.base, location)).href
  var own = new URL(script.dataset.index, location).href

  // Material's worker is named after its content hash; the playbook's worker loads it by that name.
  var worker = new URL(script.dataset.worker, location)
  worker.searchParams.set("material", config.search.split("/").pop())
  worker.searchParams.set("index", own)  // the index's pieces are found from its set-up's address
  config.search = worker.href
  element.textContent = JSON.stringify(config)

  // Search is open once its box has the focus (a click, a tap on the icon,
  // or Material's "/" and "s" keys), or when the address asks for a search
  // (?q=, which Material answers at once), or when the reader comes from a
  // result (?h=: Material highlights the words found, which needs the index).
  // A press on the box or the icon starts the download a little before the focus does.
  var asked = new URLSearchParams(location.search)
  var searchOpened = asked.has("q") || asked.has("h")
  var waiting = []
  function openSearch() {
    if (searchOpened)
      return
    searchOpened = true
    waiting.splice(0).forEach(function (send) { send() })
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search"))
      openSearch()
  })
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest(".md-search, label[for='__search']"))
      openSearch()
  })

  // Material requests the index with XMLHttpRequest (browser/request in its sources).
  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments)
    this.playbookIndex = new URL(String(url), location).href === combined
    if (this.playbookIndex)
      args[1] = own
    return open.apply(this, args)
  }
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments
    if (!request.playbookIndex || searchOpened)
      return send.apply(request, args)
    waiting.push(function () { send.apply(request, args) })
  }
})()
