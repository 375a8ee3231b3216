/*
 * The playbook's search worker: Material's own worker, which does the
 * indexing and searching, plus the playbook's word forms
 * (../lunr/playbook-word-forms.js). playbook-search.js passes the name of
 * Material's worker, which carries a content hash, as ?material=.
 */
var material = new URLSearchParams(location.search).get("material") || ""
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
  throw new Error("playbook-search.js: expected ?material=search.<hash>.min.js, the name of Material's search worker")
importScripts(material, "../lunr/playbook-word-forms.js")
