/*
 * Ranking in the playbook's search: which sections answer a query, and in
 * which order. Loaded into Material's search worker by
 * ../workers/playbook-search.js, after ./playbook-word-forms.js; Material's
 * worker still builds the lunr index (with the playbook's word forms), calls
 * index.search() and renders the results.
 *
 * lunr's own ranking let a common heading word win: titles weighed a
 * thousand times the text and every word matched as a prefix, so "rude
 * customer" listed every section headed "customer" before the one saying
 * "rude". Here each word typed is one "concept" and is scored on its own:
 *
 * - its forms, best first: the word or its stem whole (1), a word that starts
 *   with the stem (PREFIX), a word one edit away for words of five letters or
 *   more (TYPO), and the words that synonyms map it to (SYNONYM);
 * - each form by BM25 (lunr's formula, without length normalisation as in
 *   Material), so a rare word counts more than a common one, and in the
 *   heading (TITLE) more than in the text;
 * - the best form counts, not the sum of all, so a short stem that starts
 *   many words does not add up.
 *
 * A section's score is the sum over concepts, times (concepts matched /
 * concepts typed)^COVERAGE: a section that has more of the words comes
 * first, and one that lacks a word is still found. Stop words and question
 * words are left out when other words were typed. `+word` and `-word` still
 * require and exclude.
 */
(function (lunr) {
  "use strict"

  var TITLE = 2.5          /* a heading word, against 1 in the text */
  var PREFIX = 0.5         /* a longer word starting with the stem */
  var TYPO = 0.3           /* one edit away */
  var SYNONYM = 0.9        /* a word synonyms map the typed one to */
  var COVERAGE = 2         /* power of the share of concepts matched */
  var K1 = 1.2             /* BM25's term-frequency saturation (lunr's) */
  var WEIGHT = " weight"   /* where a concept's scores keep its weight (no location has a space first) */
  var TYPO_LENGTH = 5      /* words this long or longer may be misspelt */
  var SHORTEST_PREFIX = 3  /* in a query of several words, shorter words match whole */

  /*
   * Question and filler words that lunr's stop-word lists lack; each
   * language's own list (lunr-languages, lunr.pl/sl.min.js) is used too.
   */
  var QUESTION_WORDS = {
    en: "can could do does how i me my what when where which who why should shall will would is are am".split(" "),
    it: "chi cosa cos come dove quando quanto quanti quale quali perché perche posso puoi può devo deve si vale".split(" "),
    sl: "kdo kaj kako kje kdaj zakaj koliko kateri katera katero komu koga česa čem ali lahko naj sem smem moram".split(" "),
    no: "hva hvem hvor hvordan hvorfor når hvilken hvilke kan skal må jeg gjør gjøre".split(" "),
    pt: "quem que quê qual quais quando onde como quanto porque por posso pode devo deve preciso".split(" "),
    pl: "kto co jak gdzie kiedy dlaczego czemu czym czego komu kogo ile który która które mogę można muszę trzeba".split(" ")
  }

  /*
   * Hours and days, so that "48 hours" finds "within 2 working days" and
   * "2 days" finds "48 hours": the words of each unit (first: the form
   * searched for a converted figure), by lunr language code.
   */
  var UNITS = {
    en: {hours: ["hours", "hour", "h", "hrs"], days: ["days", "day"]},
    it: {hours: ["ore", "ora"], days: ["giorni", "giorno", "gg"]},
    sl: {hours: ["ur", "ure", "ura", "urah", "uri"], days: ["dni", "dan", "dneva", "dnevih", "dnevi"]},
    no: {hours: ["timer", "time", "t"], days: ["dager", "dag", "døgn"]},
    pt: {hours: ["horas", "hora", "h"], days: ["dias", "dia"]},
    pl: {hours: ["godzin", "godziny", "godzina", "godz", "h"], days: ["dni", "dzień", "dnia"]}
  }
  var HOURS_A_DAY = 24

  var state = {
    language: "en",
    pending: null,         /* synonyms not yet stemmed */
    synonyms: [],          /* [{key: [stems], variants: [[words], ...]}], longest key first */
    scores: new Map(),     /* the last search: location -> score, read by the worker */
    terms: new Map(),      /* and location -> the words to show as found or missing */
    global: null,          /* the whole index's statistics, when this index holds a few sections of it */
    allowed: null,         /* and the sections that may be found in it */
    recording: false,      /* only note the query (./playbook-chunks.js), find nothing */
    query: null,           /* the query string noted */
    boosts: {}             /* page location (or section number) -> factor (front matter "search: boost:") */
  }

  function stem(word) {
    var forms = lunr.playbookWordForms ? lunr.playbookWordForms.stem(word) : word
    return forms || word
  }

  function isStopWord(word) {
    if ((QUESTION_WORDS[state.language] || []).indexOf(word) !== -1)
      return true
    return lunr.playbookWordForms ? lunr.playbookWordForms.isStopWord(word) : false
  }

  /*
   * The synonyms of the index's config ({"canned responses": ["saved
   * replies"], ...}); their keys are stemmed at the first search, once the
   * index (and with it the stemmer) is built.
   */
  function setup(config) {
    state.language = (config.lang || ["en"])[0]
    state.pending = config.synonyms || {}
    state.synonyms = []
    state.boosts = config.boosts || {}
  }

  function synonyms() {
    if (state.pending) {
      for (var key in state.pending)
        state.synonyms.push({
          key: words(key).map(stem),
          variants: state.pending[key].map(function (words_) {
            var content = words(words_).filter(function (word) { return !isStopWord(word) })
            return content.length ? content : words(words_)
          })
        })
      state.synonyms.sort(function (a, b) { return b.key.length - a.key.length })
      state.pending = null
    }
    return state.synonyms
  }

  function words(text) {
    return String(text).toLowerCase().split(lunr.tokenizer.separator).filter(Boolean)
  }

  /*
   * Per index: how many documents, and the terms' document frequencies. An
   * index of a few sections downloaded for a query (./playbook-chunks.js)
   * uses those of the whole index (`source`), so that its ranking is the
   * ranking of the whole.
   */
  function statistics(index) {
    if (state.global)
      return state.global
    if (!index.playbookStatistics) {
      var refs = {}
      for (var key in index.fieldVectors)
        refs[key.slice(key.indexOf("/") + 1)] = true
      index.playbookStatistics = {documents: Object.keys(refs).length, frequency: {}}
    }
    return index.playbookStatistics
  }

  function idf(index, term) {
    var stats = statistics(index), known = stats.frequency[term]
    if (known === undefined) {
      var posting = (stats.source || index).invertedIndex[term] || {}, refs = {}
      for (var field in posting)
        if (field !== "_index")
          for (var ref in posting[field])
            refs[ref] = true
      known = stats.frequency[term] = Object.keys(refs).length
    }
    return Math.log(1 + Math.abs((stats.documents - known + 0.5) / (known + 0.5)))
  }

  function expand(index, pattern) {
    return index.tokenSet.intersect(pattern).toArray()
  }

  /* The index terms for a word, each with the weight of that form */
  function forms(index, word, single, weight) {
    var found = {}
    var whole = statistics(index).source
    function add(term, value) {
      if (term in index.invertedIndex && !(found[term] >= value) && (!whole || term in whole.invertedIndex))
        found[term] = value
    }
    var stemmed = stem(word)
    add(word, weight)
    add(stemmed, weight)
    if (single || stemmed.length >= SHORTEST_PREFIX)
      expand(index, lunr.TokenSet.fromString(stemmed + "*")).forEach(function (term) {
        add(term, weight * PREFIX)
      })
    if (word.length >= TYPO_LENGTH && /^[^\d]+$/.test(word))
      expand(index, lunr.TokenSet.fromFuzzyString(word, 1)).forEach(function (term) {
        add(term, weight * TYPO)
      })
    return found
  }

  /* How often a term is in a document's field: the pieces give the count, an index the positions */
  function termFrequency(metadata) {
    if (typeof metadata.tf === "number")
      return metadata.tf
    return metadata.position ? metadata.position.length : 1
  }

  /* A concept's score per document: the best form of its best variant */
  function conceptScores(index, concept, single, matches, found) {
    var scores = {}
    scores[WEIGHT] = 0
    concept.variants.forEach(function (variant, number) {
      var weight = number === 0 ? 1 : SYNONYM
      var sums = {}
      variant.forEach(function (word) {
        var best = {}, terms = forms(index, word, single, weight)
        for (var term in terms) {
          var posting = index.invertedIndex[term], termIdf = idf(index, term)
          scores[WEIGHT] = Math.max(scores[WEIGHT], terms[term] * termIdf)
          for (var field in posting) {
            if (field === "_index")
              continue
            var fieldWeight = field === "title" ? TITLE : 1
            for (var ref in posting[field]) {
              var metadata = posting[field][ref]
              var tf = termFrequency(metadata)
              var value = terms[term] * fieldWeight * termIdf * tf * (K1 + 1) / (tf + K1)
              best[ref] = Math.max(best[ref] || 0, value)
              if (found)
                (found[ref] = found[ref] || {})[term] = true
              if (!matches)
                continue
              var data = new lunr.MatchData(term, field, metadata)
              if (matches[ref])
                matches[ref].combine(data)
              else
                matches[ref] = data
            }
          }
        }
        for (var ref in best)
          sums[ref] = (sums[ref] || 0) + best[ref] / variant.length
      })
      for (var ref in sums)
        if (ref !== WEIGHT)
          scores[ref] = Math.max(scores[ref] || 0, sums[ref])
    })
    return scores
  }

  /* A figure and its unit ("48 hours") as the same time in the other unit ("2 days"), or null */
  function converted(number, unit) {
    var units = UNITS[state.language]
    if (!units || !/^\d+$/.test(number))
      return null
    var value = parseInt(number, 10)
    if (units.hours.indexOf(unit) !== -1 && value > 0 && value % HOURS_A_DAY === 0)
      return [String(value / HOURS_A_DAY), units.days[0]]
    if (units.days.indexOf(unit) !== -1 && value > 0 && value <= 31)
      return [String(value * HOURS_A_DAY), units.hours[0]]
    return null
  }

  /* The query as concepts: words typed, grouped where a synonym's key matches */
  function concepts(typed) {
    var stems = typed.map(stem), known = synonyms(), result = [], i = 0
    while (i < typed.length) {
      var other = i + 1 < typed.length ? converted(typed[i], typed[i + 1]) : null
      if (other) {
        result.push({variants: [typed.slice(i, i + 2), other]})
        i += 2
        continue
      }
      var entry = null
      for (var s = 0; s < known.length && !entry; s++) {
        var key = known[s].key
        if (key.length && key.every(function (part, k) { return stems[i + k] === part }))
          entry = known[s]
      }
      if (entry) {
        result.push({variants: [typed.slice(i, i + entry.key.length)].concat(entry.variants)})
        i += entry.key.length
      } else {
        result.push({variants: [[typed[i]]]})
        i += 1
      }
    }
    return result
  }

  /*
   * What Material shows and highlights for a result: the words found, as
   * written (the longest forms matched, not stems: "pocztę", "głosową"), and
   * the typed words not found, which it lists as missing.
   */
  function shownTerms(list, found, ref) {
    var terms = {}
    list.forEach(function (concept, c) {
      var matched = Object.keys(found[c][ref] || {})
      if (!matched.length) {
        terms[concept.variants[0].join(" ")] = false
        return
      }
      matched.forEach(function (term) {
        if (!matched.some(function (other) { return other !== term && other.indexOf(term) === 0 }))
          terms[term] = true
      })
    })
    return terms
  }

  /* The words of a query string (as Material passes it to the index), by presence */
  function parse(queryString, fields) {
    var query = new lunr.Query(fields)
    new lunr.QueryParser(queryString, query).parse()
    var optional = [], required = [], prohibited = []
    query.clauses.forEach(function (clause) {
      var word = clause.term.replace(/^\*+|\*+$/g, "")
      if (!word)
        return
      if (clause.presence === lunr.Query.presence.REQUIRED) required.push(word)
      else if (clause.presence === lunr.Query.presence.PROHIBITED) prohibited.push(word)
      else optional.push(word)
    })
    var typed = optional.concat(required)
    var content = typed.filter(function (word) { return !isStopWord(word) })
    if (!content.length)
      content = typed
    return {required: required, prohibited: prohibited, content: content}
  }

  /*
   * Every word a query looks up: its content words, the words synonyms map
   * them to, and the words it excludes (./playbook-chunks.js downloads them).
   */
  function lookedUp(queryString) {
    var parsed = parse(queryString, ["title", "text"]), all = []
    concepts(parsed.content).forEach(function (concept) {
      concept.variants.forEach(function (variant) { all = all.concat(variant) })
    })
    return all.concat(parsed.prohibited)
  }

  lunr.Index.prototype.search = function (queryString) {
    if (state.recording) {
      state.query = queryString
      return []
    }
    return rank(this, queryString, true)
  }

  /* The sections that answer a query, best first; `withMatches`: with lunr's match data, for Material */
  function rank(index, queryString, withMatches) {
    var parsed = parse(queryString, index.fields)
    var required = parsed.required, prohibited = parsed.prohibited, content = parsed.content
    var single = content.length === 1
    var list = concepts(content)
    var matches = withMatches ? {} : null, totals = {}, covered = {}
    var must = list.map(function (concept) {
      return concept.variants[0].some(function (word) { return required.indexOf(word) !== -1 })
    })
    var found = list.map(function () { return {} })
    var perConcept = list.map(function (concept, c) {
      return conceptScores(index, concept, single, matches, found[c])
    })
    /* A concept weighs as much as its rarest form: missing a common word costs little */
    var weights = perConcept.map(function (scores) { return scores[WEIGHT] })
    var weight = weights.reduce(function (sum, value) { return sum + value }, 0) || 1
    perConcept.forEach(function (scores, c) {
      for (var ref in scores) {
        if (ref === WEIGHT)
          continue
        totals[ref] = (totals[ref] || 0) + scores[ref]
        covered[ref] = (covered[ref] || 0) + weights[c]
      }
    })
    var excluded = {}
    prohibited.forEach(function (word) {
      var scores = conceptScores(index, {variants: [[word]]}, true, null)
      for (var ref in scores)
        if (ref !== WEIGHT)
          excluded[ref] = true
    })
    var results = []
    state.scores = new Map()
    state.terms = new Map()
    for (var ref in totals) {
      if (state.allowed && !state.allowed.has(ref))
        continue
      if (excluded[ref] || must.some(function (needed, c) { return needed && !perConcept[c][ref] }))
        continue
      /* by location, or by number in an index of pieces (search_chunks.py) */
      var boost = ref in state.boosts ? state.boosts[ref] : state.boosts[ref.split("#")[0]]
      var score = totals[ref] * Math.pow(covered[ref] / weight, COVERAGE) * (boost === undefined ? 1 : boost)
      state.scores.set(ref, score)
      state.terms.set(ref, shownTerms(list, found, ref))
      results.push({ref: ref, score: score, matchData: matches ? matches[ref] : null})
    }
    /* Equal scores in the order of their addresses, so the whole index and its pieces agree */
    return results.sort(function (a, b) {
      return b.score - a.score || (String(a.ref) < String(b.ref) ? -1 : String(a.ref) > String(b.ref) ? 1 : 0)
    })
  }

  lunr.playbookRanking = {setup: setup, state: state, rank: rank, lookedUp: lookedUp, stem: stem}
})(self.lunr)
