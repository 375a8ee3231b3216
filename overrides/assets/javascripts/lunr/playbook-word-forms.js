/*
 * Word forms in the playbook's search, treated the same way when the index is
 * built and when a query is searched. Loaded into Material's search worker by
 * ../workers/playbook-search.js, before the index is built.
 *
 * Material turns every word typed into a prefix query ("reply" becomes
 * "reply*", which also finds "replying" while the reader types), and lunr
 * does not stem prefix queries. With a stemmer in the index, a query then
 * misses every form whose stem does not start with what was typed: "replies*"
 * finds nothing, as "reply" is indexed as "repli". That is why Material
 * leaves the stemmer out by default. Here:
 *
 * - building the index keeps each word as written and adds its stem when that
 *   differs, so that half a word still finds the word as written;
 * - searching (./playbook-ranking.js) looks up each typed word's stem, made
 *   by the index's own pipeline (without its stop-word filter), whole and as
 *   a prefix: "replies" finds "reply", "reklamacja" finds "reklamacji".
 *
 * It also defines lunr.playbookLanguage, with which lunr.pl.min.js and
 * lunr.sl.min.js add light stemmers for languages that lunr-languages lacks.
 */
(function (lunr) {
  "use strict"

  /* What the index built last does to words (a worker builds one index) */
  var queryForms = null                /* its pipeline without stop words */
  var stopWords = null                 /* its stop-word filters */
  var indexForms = null                /* its whole pipeline, as the documents' words went through it */

  function isStemmer(name) {
    return /^stemmer(-|$)/.test(name || "")
  }

  function isStopWordFilter(name) {
    return /^stopWordFilter(-|$)/.test(name || "")
  }

  /* The stemmer as a pipeline function that keeps the word and adds its stem */
  function keepingTheWord(stemmer) {
    var name = "keepWord-" + stemmer.label
    if (!(name in lunr.Pipeline.registeredFunctions)) {
      var fn = function (token, i, tokens) {
        var stemmed = stemmer(token.clone(), i, tokens)
        if (!stemmed || String(stemmed) === "" || String(stemmed) === String(token))
          return token
        return [token, stemmed]
      }
      lunr.Pipeline.registerFunction(fn, name)
    }
    return lunr.Pipeline.registeredFunctions[name]
  }

  /*
   * A hyphenated word ("e-mail", "e-pošta") is indexed joined and as its
   * parts, as readers type it either way. A query never has a hyphen inside
   * a word: lunr's query parser splits words there.
   */
  var hyphenatedWords = function (token) {
    var word = String(token)
    if (word.indexOf("-") === -1)
      return token
    var parts = word.split("-").filter(Boolean)
    if (!parts.length)
      return []
    return [parts.join("")].concat(parts.length > 1 ? parts : [])
      .map(function (part) {
        return token.clone(function () { return part })
      })
  }
  lunr.Pipeline.registerFunction(hyphenatedWords, "hyphenatedWords")

  /*
   * Indexing: Material sets up the pipeline, then adds the documents; an
   * index of no documents (the pieces' set-up, ./playbook-chunks.js) is
   * built at once, and gets the same word forms.
   */
  function setUp(builder) {
    if (builder.playbookWordForms)
      return
    builder.playbookWordForms = true
    var names = builder.pipeline.toJSON()
    if (names.length)
      builder.pipeline.before(lunr.Pipeline.registeredFunctions[names[0]], hyphenatedWords)
    else
      builder.pipeline.add(hyphenatedWords)
    queryForms = lunr.Pipeline.load(names.filter(function (name) {
      return !isStopWordFilter(name)
    }))
    stopWords = lunr.Pipeline.load(names.filter(isStopWordFilter))
    for (var i = 0; i < names.length; i++)
      if (isStemmer(names[i])) {
        var stemmer = lunr.Pipeline.registeredFunctions[names[i]]
        builder.pipeline.after(stemmer, keepingTheWord(stemmer))
        builder.pipeline.remove(stemmer)
      }
    indexForms = builder.pipeline
  }

  var add = lunr.Builder.prototype.add
  lunr.Builder.prototype.add = function (doc, attributes) {
    setUp(this)
    return add.call(this, doc, attributes)
  }

  var build = lunr.Builder.prototype.build
  lunr.Builder.prototype.build = function () {
    setUp(this)
    return build.call(this)
  }

  /*
   * Searching (./playbook-ranking.js) treats a typed word the same way: its
   * stem, made by the index's own pipeline without its stop-word filter, and
   * whether the stop-word filter would drop it.
   */
  lunr.playbookWordForms = {
    stem: function (word) {
      if (!queryForms)
        return word
      var forms = queryForms.runString(word)
      return forms.length === 1 && forms[0] ? forms[0] : word
    },
    isStopWord: function (word) {
      return !!stopWords && !stopWords.runString(word).length
    },
    /* The terms the index holds for a word of a document, as written (./playbook-chunks.js) */
    indexed: function (word) {
      return indexForms ? indexForms.runString(word) : [word]
    }
  }

  /*
   * A light stemmer: cut the longest of the given endings off a word, keeping
   * at least `minimumStem` letters, and touch nothing else (diacritics stay).
   * Registered like a lunr-languages language, as lunr[code].
   */
  lunr.playbookLanguage = function (code, rules) {
    var endings = rules.endings.slice().sort(function (a, b) {
      return b.length - a.length
    })

    function stem(word) {
      for (var i = 0; i < endings.length; i++) {
        var ending = endings[i]
        if (word.length - ending.length >= rules.minimumStem &&
            word.slice(-ending.length) === ending)
          return word.slice(0, -ending.length)
      }
      return word
    }

    var stemmer = function (token) {
      return token.update(function (word) {
        return stem(word)
      })
    }
    var stopWordFilter = lunr.generateStopWordFilter(rules.stopWords)
    lunr.Pipeline.registerFunction(stemmer, "stemmer-" + code)
    lunr.Pipeline.registerFunction(stopWordFilter, "stopWordFilter-" + code)

    var language = function () {
      this.pipeline.reset()
      this.pipeline.add(stopWordFilter, stemmer)
      if (this.searchPipeline) {
        this.searchPipeline.reset()
        this.searchPipeline.add(stemmer)
      }
    }
    language.stem = stem
    language.stemmer = stemmer
    language.stopWordFilter = stopWordFilter
    lunr[code] = language
  }
})(self.lunr)
