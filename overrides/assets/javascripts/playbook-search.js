/*
 * Search in the page's own language.
 *
 * Material's bundle fetches one index per site, search/search_index.json next
 * to its base URL, and hands it to its search worker. The playbook writes one
 * index per language instead (hooks/search.py). This script runs before the
 * bundle and
 *
 * - sends that one request to this language's index (data-index, relative to
 *   the page, so each published version searches its own copy), and
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
  config.search = worker.href
  element.textContent = JSON.stringify(config)

  // Material requests the index with XMLHttpRequest (browser/request in its sources).
  var open = XMLHttpRequest.prototype.open
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments)
    if (new URL(String(url), location).href === combined)
      args[1] = own
    return open.apply(this, args)
  }
})()
