/*
 * The playbook's search worker: Material's own worker, which builds the index
 * and answers the bundle's messages, plus the playbook's word forms, ranking
 * and index in pieces (../lunr/playbook-word-forms.js, ../lunr/playbook-
 * ranking.js, ../lunr/playbook-chunks.js). playbook-search.js passes the name
 * of Material's worker, which carries a content hash, as ?material=, and the
 * address of the language's index set-up as ?index=.
 *
 * The messages stay Material's: set-up, ready, query, result. The set-up
 * holds no documents; each query is answered from the pieces it needs
 * (find), then Material is set up with those sections alone and asked the
 * query, and its answer goes back to the page.
 *
 * The results are put in the ranking's order before they leave: Material
 * groups them by page and lists the page of the best hit first with all its
 * sections, the lower ones folded away, so a section that ranks second could
 * be shown sixth. Here the list shown is the ranking: consecutive results of
 * one page share its heading, and a page that comes back later gets its
 * heading again.
 */
var parameters = new URLSearchParams(location.search)
var material = parameters.get("material") || ""
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
  throw new Error("playbook-search.js: expected ?material=search.<hash>.min.js, the name of Material's search worker")
var indexAddress = parameters.get("index") || ""

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3  /* Material's SearchMessageType */
var titles = {}          /* page location -> title, for the headings that group sections */
var setup = null         /* the set-up's data: config and options */
var pieces = null        /* the index in pieces, once set up */
var ready = null         /* resolves when Material has answered the page's set-up */
var markReady = null
var asking = null        /* resolves with Material's answer to a message of this worker's own */
var newest = 0           /* the number of the newest query */
var queue = Promise.resolve()

var post = self.postMessage.bind(self)

/* Material's answer to a message of this worker's own */
function ask(message) {
  return new Promise(function (resolve) {
    asking = resolve
    message.playbook = true
    dispatchEvent(new MessageEvent("message", {data: message}))
  })
}

function noteTitles(docs) {
  docs.forEach(function (doc) {
    if (doc.location.indexOf("#") === -1)
      titles[doc.location] = doc.title
  })
}

/* A query: the pieces it needs, then Material's answer from those sections */
function answer(query, number) {
  var ranking = lunr.playbookRanking
  queue = queue.then(function () { return ready }).then(function () {
    if (number !== newest)
      return
    ranking.state.recording = true
    ranking.state.query = null
    return ask({type: QUERY, data: query}).then(function (reply) {
      ranking.state.recording = false
      var queryString = ranking.state.query
      if (queryString === null)
        return reply                   /* nothing to search for: Material's own answer */
      return pieces.find(queryString, function () { return number === newest }).then(function (found) {
        if (!found || number !== newest)
          return null
        noteTitles(found.docs)
        return ask({type: SETUP, data: {config: setup.config, docs: found.docs, options: setup.options}})
          .then(function () {
            ranking.state.allowed = found.allowed
            return ask({type: QUERY, data: query})
          })
      })
    }).then(function (reply) {
      if (reply && number === newest)
        post(inRankingOrder(reply))
    })
  }).catch(function (error) {
    ranking.state.recording = false
    console.warn(error)
    if (number === newest)
      post({type: RESULT, data: {items: []}})
  })
}

/* Runs before Material's handler (registered first) */
addEventListener("message", function (event) {
  var message = event.data
  if (!message || message.playbook)
    return
  if (message.type === SETUP) {
    setup = message.data
    lunr.playbookRanking.setup(message.data.config)
    noteTitles(message.data.docs)
    var settings = message.data.config.playbook
    pieces = settings ? new lunr.playbookChunks.Pieces(settings, new URL(indexAddress, location).href) : null
    ready = new Promise(function (resolve) { markReady = resolve })
  } else if (message.type === QUERY && pieces) {
    event.stopImmediatePropagation()
    answer(message.data, ++newest)
  }
})

function pageOf(location) {
  var hash = location.indexOf("#")
  return hash === -1 ? location : location.slice(0, hash)
}

/*
 * Material renders each group as its page's heading, then the sections that
 * score as high as the group's first item, then the rest folded away. So a
 * group here starts with its heading at score 0 (the heading Material adds
 * for a page that did not match itself), and every section shows; a page
 * that matched itself is a group of its own, shown with its text.
 */
function inRankingOrder(message) {
  var result = message.data
  var ranked = lunr.playbookRanking.state.scores
  var items = []
  result.items.forEach(function (group) {
    group.forEach(function (item) {
      if (ranked.has(item.location)) {
        item.score = ranked.get(item.location)
        item.terms = lunr.playbookRanking.state.terms.get(item.location) || item.terms
        items.push(item)
      }
    })
  })
  items.sort(function (a, b) {  /* equal scores by address, as the ranking orders them */
    return b.score - a.score || (a.location < b.location ? -1 : a.location > b.location ? 1 : 0)
  })
  var groups = [], current = null
  items.forEach(function (item) {
    var page = pageOf(item.location)
    if (item.location === page) {
      groups.push([item])
      current = null
      return
    }
    if (!current || current.page !== page) {
      current = {page: page, items: [{location: page, title: titles[page] || page, text: "", score: 0, terms: {}}]}
      groups.push(current.items)
    }
    current.items.push(item)
  })
  result.items = groups
  return message
}

self.postMessage = function (message) {
  if (asking) {                        /* Material answering this worker, not the page */
    var resolve = asking
    asking = null
    return resolve(message)
  }
  if (message && message.type === READY && markReady)
    markReady()
  if (message && message.type === RESULT && message.data && message.data.items)
    inRankingOrder(message)
  return post.apply(self, arguments)
}

/* Material imports the language's stemmer at every set-up: once is enough */
var imported = {}
var importOnce = self.importScripts.bind(self)
self.importScripts = function () {
  var urls = Array.prototype.filter.call(arguments, function (url) {
    var address = new URL(url, location).href
    return imported[address] ? false : (imported[address] = true)
  })
  if (urls.length)
    return importOnce.apply(self, urls)
}

importScripts(material, "../lunr/playbook-word-forms.js", "../lunr/playbook-ranking.js", "../lunr/playbook-chunks.js")
