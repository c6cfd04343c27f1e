/*
 * Search as soon as text arrives in Material's search box.
 *
 * Material for MkDocs reads the query on keyup. Text that arrives without a key
 * (pasted with the mouse, dropped, from voice or handwriting input, committed by
 * an input method) would wait for the next key, showing "键入以开始搜索".
 * After every input event that is not mid-composition, and at the end of a
 * composition, this sends the keyup Material listens to. Material drops a
 * query it has already sent, so a real keyup after it costs nothing.
 */
(function () {
  "use strict"
  var box = document.querySelector("input.md-search__input")
  if (!box) return
  function poke() {
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  }
  box.addEventListener("input", function (event) {
    if (!event.isComposing) poke()
  })
  box.addEventListener("compositionend", poke)
})()
