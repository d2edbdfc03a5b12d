/* course_chrome: the search page and the copy button in the page's language,
   and clean search snippets. COURSE_CHROME (written above this at build
   time) holds the words; <html lang> says which. Deferred: it runs after searchtools.js and
   copybutton.js have defined their globals and before they use them. */
(function () {
  "use strict";
  var lang = document.documentElement.lang;
  var words = (typeof COURSE_CHROME !== "undefined" && COURSE_CHROME[lang]) || null;

  if (words && typeof Documentation !== "undefined" && Documentation.addTranslations) {
    Documentation.addTranslations({ messages: words, plural_expr: "(n != 1)", locale: lang });
  }

  /* sphinx-copybutton picks its words from a table without Dutch. */
  if (words && typeof messages !== "undefined" && !messages[lang]) {
    messages[lang] = {
      copy: words["Copy"],
      copy_to_clipboard: words["Copy to clipboard"],
      copy_success: words["Copied!"],
      copy_failure: words["Failed to copy"],
    };
    locale = lang; // eslint-disable-line no-global-assign
  }

  /* Snippets from the article alone (not the header buttons, the printed
     table of contents or the language links), with ё read as е: the Russian
     stemmer turns "свёртка" into "свертк", which must be found in the text. */
  if (typeof Search !== "undefined" && Search.htmlToText) {
    Search.htmlToText = function (htmlString, anchor) {
      var doc = new DOMParser().parseFromString(htmlString, "text/html");
      var noise = [".headerlink", "script", "style", "nav.course-languages",
        ".header-article", "#print-main-content", ".prev-next-area", "summary"];
      noise.forEach(function (q) {
        doc.querySelectorAll(q).forEach(function (el) { el.remove(); });
      });
      var main = doc.querySelector("article.bd-article") || doc.querySelector('[role="main"]');
      var part = main && anchor ? main.querySelector(anchor) : null;
      var text = (part || main || doc.body).textContent;
      return text.replace(/ё/g, "е").replace(/Ё/g, "Е");
    };
  }

  /* Result links from a search page of an edition: Sphinx's searchtools.js
     writes each link relative to the page ("chapters/nl/02_convolution.html"),
     as if every search page were at the root, and so led from
     chapters/nl/search.html to chapters/nl/chapters/nl/...: prefix the
     page's content root, as searchtools.js does for the snippets it fetches. */
  var root = document.documentElement.dataset.content_root;
  var results = document.getElementById("search-results");
  if (results && root && root !== "./" && typeof MutationObserver !== "undefined") {
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (!node.querySelectorAll) return;
          var links = node.matches("a[href]") ? [node] : node.querySelectorAll("a[href]");
          links.forEach(function (a) {
            var href = a.getAttribute("href");
            if (a.dataset.courseRoot || /^(?:[a-z]+:|\/|#|\.\.\/)/.test(href)) return;
            a.dataset.courseRoot = "1";
            a.setAttribute("href", root + href);
          });
        });
      });
    }).observe(results, { childList: true, subtree: true });
  }

  /* Switching language keeps the reader's section: the editions label their
     sections alike ("en-padding-explorer", "ru-padding-explorer"), so a
     language link gets the twin of the section the address points to, or
     else of the last section scrolled past. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("nav.course-languages a[hreflang]");
    if (!link) return;
    var own = lang + "-";
    var current = null;
    // The section the address points to (a heading's link, a cross-
    // reference), else the one at the top of the window: the last label at
    // or before it.
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var inside = null;
    document.querySelectorAll('[id^="' + own + '"]').forEach(function (el) {
      if (target && target !== el && target.contains(el)) {
        inside = inside || el; // a label at the top of the section pointed to
        return;
      }
      var before = target
        ? el === target || (el.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING)
        : el.getBoundingClientRect().top <= 96;
      if (before) current = el;
    });
    current = inside || current;
    if (!current) return;
    var url = new URL(link.href);
    url.hash = link.hreflang + "-" + current.id.slice(own.length);
    link.href = url.href;
  });
})();
