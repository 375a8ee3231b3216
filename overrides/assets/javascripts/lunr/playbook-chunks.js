/*
 * The index in pieces (hooks/playbook/search_chunks.py): a query downloads
 * the words it looks up and the pages of its best sections, never the whole
 * index. Loaded into the search worker by ../workers/playbook-search.js,
 * after ./playbook-word-forms.js and ./playbook-ranking.js.
 *
 * For a query, `find` (1) downloads the word files of every word looked up
 * (each word's first two letters, and its stem's), (2) puts their words
 * through the index's own pipeline into an index of terms that knows every
 * section by number, (3) ranks all sections there with the playbook's
 * ranking, and (4) downloads the pages of the best BEST sections. The worker
 * then lets Material build its index of those sections and answer the query,
 * with the whole index's statistics, so that the order is the whole index's.
 * What was downloaded is kept for the next query.
 */
(function (lunr) {
  "use strict"

  var BEST = 20  /* sections shown for a query, at most */
  var TYPO_LENGTH = 5  /* as in ./playbook-ranking.js: words this long may be misspelt */

  function keyOf(word) {
    return Array.from(word).slice(0, 2).map(function (char) {
      return char.codePointAt(0).toString(16)
    }).join("-")
  }

  function getJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok)
        throw new Error("playbook search: " + url + " answered " + response.status)
      return response.json()
    })
  }

  /*
   * The pieces of one index: `settings` is its config.playbook, `base` the
   * address of its set-up file, which the pieces' folders are relative to.
   */
  function Pieces(settings, base) {
    this.settings = settings
    this.base = base
    this.keys = new Set(settings.keys)
    this.loaded = {}                 /* key -> promise of its word file, merged */
    this.words = new Set()           /* the words merged */
    this.pages = {}                  /* page number -> promise of its entries */
    this.index = {
      invertedIndex: Object.create(null),
      tokenSet: lunr.TokenSet.fromArray([]),
      fields: ["title", "text"]
    }
    this.statistics = {documents: settings.documents, frequency: Object.create(null), source: this.index}
  }

  Pieces.prototype.url = function (folder, name) {
    return new URL(folder + "/" + name + ".json?v=" + this.settings.version, this.base).href
  }

  /* The word files a query needs, downloaded once each, then merged */
  Pieces.prototype.load = function (words) {
    var pieces = this, wanted = {}
    words.forEach(function (word) {
      var forms = [word, lunr.playbookRanking.stem(word)], chars = Array.from(word)
      /* A misspelt word whose first two letters are wrong by a missing, extra or
         swapped letter: the files of the words one edit away ("rpaise", "raise") */
      if (chars.length >= TYPO_LENGTH)
        forms.push(chars[1] + chars[2], chars[0] + chars[2], chars[1] + chars[0])
      forms.forEach(function (form) {
        var key = keyOf(form)
        if (form && pieces.keys.has(key))
          wanted[key] = true
      })
    })
    return Promise.all(Object.keys(wanted).map(function (key) {
      if (!pieces.loaded[key])
        pieces.loaded[key] = getJSON(pieces.url(pieces.settings.words, key)).then(function (file) {
          pieces.merge(file)
        }, function (error) {
          delete pieces.loaded[key]    /* the next query tries again */
          throw error
        })
      return pieces.loaded[key]
    }))
  }

  /* A word file's words as the index's terms: {term: {field: {number: {tf}}}} */
  Pieces.prototype.merge = function (file) {
    var inverted = this.index.invertedIndex, added = false
    for (var word in file) {
      if (this.words.has(word))
        continue                     /* a hyphenated word is in the file of each of its parts */
      this.words.add(word)
      var terms = lunr.playbookWordForms.indexed(word)
      for (var t = 0; t < terms.length; t++) {
        var term = String(terms[t])
        var posting = inverted[term]
        if (!posting) {
          posting = inverted[term] = {title: {}, text: {}}
          added = true
        }
        for (var field in file[word]) {
          var flat = file[word][field], number = 0, target = posting[field] || (posting[field] = {})
          for (var i = 0; i < flat.length; i += 2) {
            number += flat[i]
            var entry = target[number] || (target[number] = {tf: 0})
            entry.tf += flat[i + 1]
          }
        }
        delete this.statistics.frequency[term]
      }
    }
    if (added)
      this.index.tokenSet = lunr.TokenSet.fromArray(Object.keys(inverted).sort())
  }

  /* The page file that holds section `number` */
  Pieces.prototype.pageOf = function (number) {
    var starts = this.settings.pages, low = 0, high = starts.length - 1
    while (low < high) {
      var middle = (low + high + 1) >> 1
      if (starts[middle] <= number) low = middle
      else high = middle - 1
    }
    return low
  }

  Pieces.prototype.page = function (page) {
    var pages = this.pages
    if (!pages[page])
      pages[page] = getJSON(this.url(this.settings.sections, String(page))).catch(function (error) {
        delete pages[page]
        throw error
      })
    return pages[page]
  }

  /*
   * The best sections for a query string (as Material passes it to the
   * index), with the entries Material needs to show them: theirs and their
   * pages' (a page's entry heads its sections in the list). `wanted()`
   * says whether the query is still the newest: if not, nothing more is
   * downloaded for it, and it resolves with null.
   */
  Pieces.prototype.find = function (queryString, wanted) {
    var pieces = this, ranking = lunr.playbookRanking
    return pieces.load(ranking.lookedUp(queryString)).then(function () {
      if (!wanted())
        return null
      ranking.state.global = pieces.statistics
      ranking.state.allowed = null
      var best = ranking.rank(pieces.index, queryString, false).slice(0, BEST).map(function (result) {
        return Number(result.ref)
      })
      var pages = Array.from(new Set(best.map(function (number) { return pieces.pageOf(number) })))
      return Promise.all(pages.map(function (page) { return pieces.page(page) })).then(function (files) {
        if (!wanted())
          return null
        var entries = {}, docs = [], allowed = new Set()
        pages.forEach(function (page, p) {
          files[p].forEach(function (entry, offset) {
            entries[pieces.settings.pages[page] + offset] = entry
          })
        })
        best.forEach(function (number) { allowed.add(entries[number].location) })
        pages.forEach(function (page, p) {
          files[p].forEach(function (entry) {
            if (allowed.has(entry.location) || entry.location.indexOf("#") === -1)
              docs.push(entry)
          })
        })
        return {docs: docs, allowed: allowed}
      })
    })
  }

  lunr.playbookChunks = {Pieces: Pieces, BEST: BEST}
})(self.lunr)
