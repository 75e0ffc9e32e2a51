/* An essay's notes: a popover (#note-popover, a non-modal dialog) on hover, focus or tap
   of a marker, the note's markup copied from the notes list, its links next in the tab
   order; Escape closes it. Focus follows markers and back-links; wide formulas take
   the focus to scroll; copy buttons.
   Without this script every link still works. */
(function () {
  "use strict";
  var d = document, pop = d.getElementById("note-popover"), current = null, timer = 0;
  var pointer = "", shownOnDown = false, quiet = false;
  var native = !!(pop && pop.showPopover), markers = d.querySelectorAll("a.noteref");

  function target(a) { return d.getElementById(decodeURIComponent(a.hash.slice(1))); }
  function sidenote(a) {
    var s = a.parentNode && a.parentNode.nextElementSibling;
    return s && s.classList.contains("sidenote") ? s : null;
  }
  // On wide screens the note stands beside its marker already: no popover over it.
  function besideIt(a) { var s = sidenote(a); return !!(s && s.getClientRects().length); }
  function within(el) { return !!(el && pop && (el === current || pop.contains(el))); }

  // A marker that opens the popover says whether it is open; beside its sidenote it is
  // a plain link.
  function mark() {
    if (!pop) return;
    if (current && besideIt(current)) hide();
    markers.forEach(function (a) {
      if (besideIt(a)) {
        a.removeAttribute("aria-expanded");
        a.removeAttribute("aria-controls");
      } else {
        a.setAttribute("aria-expanded", String(a === current));
        a.setAttribute("aria-controls", "note-popover");
      }
    });
  }

  function place(a) {
    var r = a.getBoundingClientRect(), h = pop.offsetHeight;
    var top = r.bottom + 6;
    if (top + h > innerHeight - 8 && r.top > h + 14) top = r.top - h - 6;
    pop.style.left = Math.max(8, Math.min(r.left - 16, d.documentElement.clientWidth - pop.offsetWidth - 8)) + "px";
    pop.style.top = top + "px";
  }

  function show(a) {
    clearTimeout(timer);
    var note = target(a);
    if (!pop || !note || besideIt(a)) return;
    if (current === a) { place(a); return; }
    if (current) current.setAttribute("aria-expanded", "false");
    // The note's blocks and its source links, copied as nodes (never parsed from a
    // string), without its back-links; copies keep no id.
    var n = d.createElement("span"), node = note.firstChild, copy;
    n.className = "note-popover-number";
    n.textContent = a.textContent;
    pop.replaceChildren(n, " ");
    for (; node; node = node.nextSibling) {
      if (node.nodeType === 1 && node.matches("[role=doc-backlink]")) continue;
      copy = node.cloneNode(true);
      if (copy.querySelectorAll) copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      pop.append(copy);
    }
    pop.setAttribute("aria-label", "Note " + a.textContent);
    // Just after its marker in the document, so Tab goes from the marker into the note
    // and on to the text after it (the popover itself shows in the top layer).
    (sidenote(a) || a.parentNode).after(pop);
    pop.hidden = false;
    if (native && !pop.matches(":popover-open")) pop.showPopover();
    place(a);
    a.setAttribute("aria-expanded", "true");
    current = a;
  }

  function hide() {
    clearTimeout(timer);
    if (!current) return;
    var a = current, back = pop.contains(d.activeElement);
    current = null;
    a.setAttribute("aria-expanded", "false");
    if (native && pop.matches(":popover-open")) pop.hidePopover();
    pop.hidden = true;
    if (back) focus(a); // the focus goes back to the marker, not to the page's top
  }

  function hideSoon() {
    clearTimeout(timer);
    timer = setTimeout(function () { if (!within(d.activeElement)) hide(); }, 250);
  }

  function focus(el) {
    if (!el.matches("a[href], [tabindex]")) el.tabIndex = -1;
    quiet = true;
    el.focus({ preventScroll: true });
    quiet = false;
  }

  // After the browser follows an in-page link, focus its target (quietly: no popover).
  function focusAfter(a) {
    var to = target(a);
    if (!to) return;
    quiet = true; // until then, a marker the browser focuses opens nothing
    setTimeout(function () { focus(to); }, 0);
  }

  markers.forEach(function (a) {
    // (not while the keyboard is in an open note: moving it would drop the focus)
    a.addEventListener("mouseenter", function () { if (!pop || !pop.contains(d.activeElement)) show(a); });
    a.addEventListener("mouseleave", hideSoon);
    a.addEventListener("focus", function () { if (!quiet) show(a); });
    a.addEventListener("blur", function (e) { if (current === a && !within(e.relatedTarget)) hide(); });
    a.addEventListener("pointerdown", function (e) { pointer = e.pointerType; shownOnDown = current === a; });
    a.addEventListener("click", function (e) {
      var touch = pointer === "touch" && e.detail > 0;
      pointer = "";
      if (touch && !shownOnDown && !besideIt(a)) { e.preventDefault(); show(a); return; }
      hide();
      focusAfter(a);
    });
  });
  d.querySelectorAll("a[role=doc-backlink]").forEach(function (a) {
    a.addEventListener("click", function () { focusAfter(a); });
  });
  if (pop) {
    pop.addEventListener("mouseenter", function () { clearTimeout(timer); });
    pop.addEventListener("mouseleave", hideSoon);
    // Tab past the note's last link (or Shift+Tab before its marker) closes it.
    pop.addEventListener("focusout", function (e) { if (!within(e.relatedTarget)) hide(); });
    mark();
    matchMedia("(min-width: 75em)").addEventListener("change", mark);
  }
  d.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  d.addEventListener("pointerdown", function (e) {
    if (current && !e.target.closest("a.noteref, #note-popover")) hide();
  });
  addEventListener("scroll", function () { if (current) place(current); }, { passive: true });
  addEventListener("resize", function () { if (current) place(current); });

  // A formula wider than its column scrolls in its own box: the keyboard can scroll it.
  function scrollers() {
    d.querySelectorAll("math[display=block]").forEach(function (m) {
      if (m.scrollWidth > m.clientWidth && !m.closest("[aria-hidden]")) m.tabIndex = 0;
      else m.removeAttribute("tabindex");
    });
  }
  scrollers();
  addEventListener("resize", scrollers);

  // Arriving from another page at a marker or a note (a source page's citing place).
  var arrived = location.hash && d.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (arrived && arrived.matches("a.noteref, .notes li")) focus(arrived);

  var status = d.querySelector(".copy-status");
  function say(button, ok) {
    button.textContent = ok ? "Copied" : "Selected: copy with Ctrl+C";
    if (status) status.textContent = ok ? "Copied to the clipboard." : "Selected; copy it with Ctrl+C or ⌘C.";
    setTimeout(function () { button.textContent = "Copy"; if (status) status.textContent = ""; }, 2500);
  }
  function select(el) {
    var range = d.createRange(), sel = getSelection();
    range.selectNodeContents(el);
    sel.removeAllRanges();
    sel.addRange(range);
    try { return d.execCommand("copy"); } catch (err) { return false; }
  }
  d.querySelectorAll(".copy-button").forEach(function (b) {
    var from = d.getElementById(b.getAttribute("data-copy"));
    if (!from) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      if (navigator.clipboard && isSecureContext) {
        navigator.clipboard.writeText(from.textContent).then(
          function () { say(b, true); }, function () { say(b, select(from)); });
      } else {
        say(b, select(from));
      }
    });
  });
})();
