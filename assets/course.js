// Tables wider than their box, linked from every page by coursekit.sphinxext.style.
//
// A table that does not fit (on a phone, most do not) scrolls sideways inside its box. Such a box
// gets the class ck-wide, a line above it that says so, fades at the edges with more to see, and
// it becomes a keyboard stop with a name (a region labelled by the table's caption or its first
// column headers), so that it can be scrolled with the arrow keys. When the window grows and the
// table fits again, all of this is taken away.
(() => {
  "use strict";
  // docutils tables (the theme's container) and the tables that code cells show
  const BOXES = ".pst-scrollable-table-container, .cell_output .output.text_html";
  const HINT = "Wide table: scroll sideways to see all of it.";

  const tableOf = (box) => box.querySelector(":scope > table, :scope > div > table");

  // "Table 2: Before you start" from a caption; otherwise where the table is and what its first
  // columns are: "Table in “Task 3”: Criterion, Excellent, Adequate, …"
  function name(box, table) {
    const caption = table.querySelector("caption");
    if (caption) {
      const number = caption.querySelector(".caption-number");
      const text = caption.querySelector(".caption-text");
      const words = [number && number.textContent.trim(), text && text.textContent.trim()].filter(Boolean);
      if (words.length) return words.join(": ");
    }
    const section = box.closest("section");
    const heading = section && section.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4");
    const where = heading ? ` in “${heading.textContent.replace(/#$/, "").trim()}”` : "";
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim()).filter(Boolean);
    const what = heads.length ? ": " + heads.slice(0, 3).join(", ") + (heads.length > 3 ? ", …" : "") : "";
    return "Table" + where + what;
  }

  function edges(box) {
    const left = box.scrollLeft > 1;
    const right = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
    box.classList.toggle("ck-more-left", left);
    box.classList.toggle("ck-more-right", right);
  }

  function mark(box, label) {
    box.classList.add("ck-wide");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", label);
    box.tabIndex = 0;
    let hint = box.previousElementSibling;
    if (!(hint && hint.classList.contains("ck-scroll-hint"))) {
      hint = document.createElement("p");
      hint.className = "ck-scroll-hint";
      hint.setAttribute("aria-hidden", "true");  // the region's name and the keys do this job
      hint.textContent = HINT;
      box.before(hint);
    }
    if (!box.dataset.ckEdges) {
      box.dataset.ckEdges = "1";
      box.addEventListener("scroll", () => edges(box), { passive: true });
    }
    edges(box);
  }

  function unmark(box) {
    if (!box.classList.contains("ck-wide")) return;
    box.classList.remove("ck-wide", "ck-more-left", "ck-more-right");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
    box.tabIndex = -1;
    const hint = box.previousElementSibling;
    if (hint && hint.classList.contains("ck-scroll-hint")) hint.remove();
  }

  function update() {
    const used = new Map();
    document.querySelectorAll(BOXES).forEach((box) => {
      const table = tableOf(box);
      if (!table || box.closest(".ck-quiz")) return;
      if (box.scrollWidth <= box.clientWidth + 1) {
        unmark(box);
        return;
      }
      let label = name(box, table);
      const seen = used.get(label) || 0;
      used.set(label, seen + 1);
      if (seen) label += ` (${seen + 1})`;  // every region's name is its own
      mark(box, label);
    });
  }

  let pending = null;
  const later = () => {
    clearTimeout(pending);
    pending = setTimeout(update, 150);
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  window.addEventListener("load", update);
  window.addEventListener("resize", later);
})();
