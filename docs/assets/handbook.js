// Loaded by every page (mkdocs.yml extra_javascript); no inline scripts, nothing from outside.

// The language switch keeps the anchor: /rules/s13/#RV-13.2 -> /en/rules/s13/#RV-13.2
// (article ids are the same in both languages). Runs before the link is followed.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
  if (link && window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
}, true);

// Checklists: the print button prints the page (print CSS keeps the checklist only).
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("button.hb-print")) {
    window.print();
  }
});
