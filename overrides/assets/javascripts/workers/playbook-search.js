/*
 * The playbook's search worker: Material's own worker, which builds the index
 * and answers the bundle's messages, plus the playbook's word forms and
 * ranking (../lunr/playbook-word-forms.js, ../lunr/playbook-ranking.js).
 * playbook-search.js passes the name of Material's worker, which carries a
 * content hash, as ?material=.
 *
 * The messages stay Material's. Only the results are put in the ranking's
 * order before they leave: Material groups them by page and lists the page
 * of the best hit first with all its sections, the lower ones folded away,
 * so a section that ranks second could be shown sixth. Here the list shown
 * is the ranking: consecutive results of one page share its heading, and a
 * page that comes back later gets its heading again.
 */
var material = new URLSearchParams(location.search).get("material") || ""
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
  throw new Error("playbook-search.js: expected ?material=search.<hash>.min.js, the name of Material's search worker")

var SETUP = 0, RESULT = 3  /* Material's SearchMessageType */
var titles = {}            /* page location -> title, for the headings that group sections */

/* Runs before Material's handler (registered first): the index's synonyms and titles */
addEventListener("message", function (event) {
  var message = event.data
  if (!message || message.type !== SETUP)
    return
  lunr.playbookRanking.setup(message.data.config)
  message.data.docs.forEach(function (doc) {
    if (doc.location.indexOf("#") === -1)
      titles[doc.location] = doc.title
  })
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
function inRankingOrder(result) {
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
  items.sort(function (a, b) { return b.score - a.score })
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
  return result
}

var post = self.postMessage.bind(self)
self.postMessage = function (message) {
  if (message && message.type === RESULT && message.data && message.data.items)
    inRankingOrder(message.data)
  return post.apply(self, arguments)
}

importScripts(material, "../lunr/playbook-word-forms.js", "../lunr/playbook-ranking.js")
