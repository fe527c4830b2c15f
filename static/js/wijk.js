/*
 * Wijk: small progressive enhancements. Every page works without this file.
 *
 * CSP-safe: no eval, no inline code, no inline styles. Loaded with `defer` right after
 * htmx.min.js, so it runs after htmx is defined but before DOMContentLoaded, i.e. before
 * htmx reads its configuration and would insert its indicator <style> element.
 *
 * Conventions for content that htmx swaps in (the house way; no attribute needed for the
 * first two):
 * - Focus. When the control that was used is replaced by the swap, focus goes to its
 *   successor in the new content (same id, or the same element: tag, hx-get/hx-post/href or
 *   form action, name and text), else to the new content's heading (the element its
 *   aria-labelledby names, else its first h1-h6; given tabindex="-1"). Focus elsewhere on the
 *   page (a filter form outside the list) stays where it is. So: give a swapped region a
 *   heading, as every partial here has (<section id="..." aria-labelledby="...-kop">).
 * - Result counts. The page has one live region that is never swapped,
 *   <div id="aankondiging" role="status" aria-live="polite"> in templates/base.html. After a
 *   swap it reads out the text of the new content's element marked [data-aankondiging] (its
 *   value, or its text when the value is empty), else of its first [role="status"] element,
 *   e.g. <p role="status">12 activiteiten gevonden.</p>. A live region that arrives with the
 *   swap is not read out by most screen readers; this one is. Out-of-band swaps into a
 *   region that already stands in the page (meldingen's #meldingen-status) are read out by
 *   that region itself and are not repeated here.
 */
(function () {
  "use strict";

  // --- htmx settings that fit our Content-Security-Policy --------------------------------
  if (window.htmx) {
    var config = window.htmx.config;
    // htmx would inject an inline <style> for .htmx-indicator; CSP blocks that.
    // The same rules live in static/css/wijk.css.
    config.includeIndicatorStyles = false;
    // No eval-based features (hx-on with code, trigger filters, js: values): CSP forbids them.
    config.allowEval = false;
    // Never run <script> elements that arrive in htmx responses.
    config.allowScriptTags = false;
    // Only talk to our own server.
    config.selfRequestsOnly = true;
    // Do not keep copies of pages (with personal data) in localStorage on shared devices;
    // on "back" the browser loads the page again instead.
    config.historyCacheSize = 0;
    config.refreshOnHistoryMiss = true;
  }

  // --- Confirm before submitting -----------------------------------------------------------
  // <form data-confirm="Weet je het zeker?"> or <button type="submit" data-confirm="...">.
  // Listens in the capture phase on the document, so a "no" also stops htmx-powered forms.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var submitter = event.submitter;
      var question =
        (submitter && submitter.getAttribute("data-confirm")) ||
        (form && form.getAttribute && form.getAttribute("data-confirm"));
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  // --- Links that look like buttons --------------------------------------------------------
  // <a href role="button"> (Pico's button look) is announced as a button, and people expect a
  // button to react to the space bar as well as Enter; a link only reacts to Enter.
  // So Space follows the link too, as GOV.UK Frontend does for its link buttons.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (
      (event.key === " " || event.key === "Spacebar") &&
      target.matches &&
      target.matches('a[role="button"][href]')
    ) {
      event.preventDefault();
      target.click();
    }
  });

  // --- Error summary -----------------------------------------------------------------------
  // Move focus to the summary of form errors so keyboard and screen reader users start there.
  var SUMMARY = ".error-summary, .form-fouten";

  function focusErrorSummary(root) {
    var summary = root.matches && root.matches(SUMMARY) ? root : root.querySelector(SUMMARY);
    if (summary) {
      summary.focus();
    }
  }

  // --- Print buttons -----------------------------------------------------------------------
  // <button type="button" data-print hidden>: shown only when this script runs.
  function enablePrintButtons(root) {
    var buttons = root.querySelectorAll("[data-print]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (button.hasAttribute("data-print-ready")) {
        return;
      }
      button.setAttribute("data-print-ready", "");
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  function init() {
    focusErrorSummary(document);
    enablePrintButtons(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  // --- Focus and announcements after htmx swaps (see the conventions at the top) -------------
  var HEADINGS = "h1, h2, h3, h4, h5, h6";
  var swaps = new WeakMap(); // xhr -> what was focused before the swap

  function visible(element) {
    return !!(element && element.getClientRects().length);
  }

  function focusable(element) {
    return element.matches(
      "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), " +
        "textarea:not([disabled]), summary, [tabindex]"
    );
  }

  // What identifies a control apart from the element itself, to find it again after a swap:
  // where it leads (its hx-get/hx-post, href or form), its name, value and words. Figures are
  // left out of the words: "Open vragen 4" is still the same tab when it says "Open vragen 5".
  function words(text) {
    return (text || "").replace(/[0-9]+/g, "").replace(/\s+/g, " ").trim();
  }

  function signature(element) {
    var form = element.form || element.closest("form");
    var url =
      element.getAttribute("hx-get") ||
      element.getAttribute("hx-post") ||
      element.getAttribute("href") ||
      (form && (form.getAttribute("hx-post") || form.getAttribute("action"))) ||
      "";
    return [
      element.tagName,
      url,
      element.getAttribute("name") || "",
      element.getAttribute("value") || "",
      words(element.getAttribute("aria-label")),
      words(element.textContent),
    ].join("\n");
  }

  function successor(content, before) {
    if (before.id) {
      var same = document.getElementById(before.id);
      if (same && content.contains(same) && visible(same)) {
        return same;
      }
    }
    var candidates = content.querySelectorAll(before.tag);
    for (var i = 0; i < candidates.length; i++) {
      if (signature(candidates[i]) === before.signature && visible(candidates[i])) {
        return candidates[i];
      }
    }
    return null;
  }

  function heading(content) {
    var label = content.getAttribute("aria-labelledby");
    var named = label && document.getElementById(label.split(" ")[0]);
    if (named && content.contains(named) && visible(named)) {
      return named;
    }
    if (content.matches(HEADINGS)) {
      return content;
    }
    var all = content.querySelectorAll(HEADINGS);
    for (var i = 0; i < all.length; i++) {
      if (visible(all[i])) {
        return all[i];
      }
    }
    return content;
  }

  function focusNewContent(content, before) {
    var target = successor(content, before) || heading(content);
    if (!focusable(target)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }

  var announceTimer = null;
  function announce(content) {
    var region = document.getElementById("aankondiging");
    if (!region) {
      return;
    }
    var marked = content.matches("[data-aankondiging]")
      ? content
      : content.querySelector("[data-aankondiging]");
    var status = content.matches('[role="status"]')
      ? content
      : content.querySelector('[role="status"]');
    var text = "";
    if (marked) {
      text = marked.getAttribute("data-aankondiging") || marked.textContent;
    } else if (status) {
      text = status.textContent;
    }
    text = text.replace(/\s+/g, " ").trim();
    if (!text) {
      return;
    }
    // Empty first, then fill a moment later: the same text twice in a row is read out again.
    region.textContent = "";
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(function () {
      region.textContent = text;
    }, 100);
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var target = detail.target;
    if (!detail.shouldSwap || !target || !detail.xhr) {
      return;
    }
    var active = document.activeElement;
    var lost = !active || active === document.body;
    var used = detail.elt;
    swaps.set(detail.xhr, {
      target: target,
      id: target.id,
      // Focus in the part that is replaced is lost with it. With focus nowhere (Safari does not
      // focus a clicked link), a control inside the replaced part counts as used; a region
      // that reloads itself (hx-trigger="every 60s") does not.
      moveFocus: lost
        ? !!(used && used !== target && target.contains(used))
        : target.contains(active),
      before: !lost && target.contains(active)
        ? { id: active.id, tag: active.tagName, signature: signature(active) }
        : used && used !== target
          ? { id: used.id, tag: used.tagName, signature: signature(used) }
          : { id: "", tag: "NONE", signature: "" },
    });
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var detail = event.detail;
    var swap = detail && detail.xhr && swaps.get(detail.xhr);
    if (!swap) {
      return;
    }
    swaps.delete(detail.xhr); // once per swap, not once per settled element
    var content = swap.target.isConnected
      ? swap.target
      : swap.id && document.getElementById(swap.id);
    if (!content) {
      return;
    }
    announce(content);
    var active = document.activeElement;
    var lost = !active || active === document.body || !active.isConnected;
    if (swap.moveFocus && lost) {
      focusNewContent(content, swap.before);
    }
  });

  // --- The header's menu: Escape closes it ----------------------------------------------------
  // The menu is a <details> (works without this); Escape closing it is what people expect of a
  // menu button. Focus goes back to the button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest) {
      return;
    }
    var menu = event.target.closest("details.site-menu[open]");
    var button = menu && menu.querySelector("summary");
    if (button && visible(button)) {
      // (On a wide screen the button is hidden and the links always show: nothing to close.)
      menu.open = false;
      button.focus();
    }
  });

  // htmx fires htmx:load on every piece of content it adds (e.g. a form returned with errors).
  document.addEventListener("htmx:load", function (event) {
    var element = event.target;
    if (element === document.body) {
      return; // the initial page, handled by init()
    }
    focusErrorSummary(element);
    enablePrintButtons(element);
  });
})();
