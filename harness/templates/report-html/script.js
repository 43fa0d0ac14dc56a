// report.html's only script: filtering, sorting and opening linked conversations.
// It reads the page's data from escaped data-* attributes and only toggles
// `hidden`, `open` and row order: no run data is ever turned into markup here.
(function () {
  'use strict';
  var statusSelect = document.getElementById('filter-status');
  var classSelect = document.getElementById('filter-class');
  var textInput = document.getElementById('filter-text');
  var counter = document.getElementById('filter-count');
  var table = document.getElementById('scenario-table');
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var conversations = Array.prototype.slice.call(document.querySelectorAll('details.conversation'));

  function matches(el) {
    var status = statusSelect.value;
    var cls = classSelect.value;
    var text = textInput.value.trim().toLowerCase();
    var elStatus = el.getAttribute('data-status');
    if (status === 'not-pass' ? elStatus === 'pass' : status && elStatus !== status) return false;
    if (cls && (el.getAttribute('data-classes') || '').split(' ').indexOf(cls) < 0) return false;
    return !text || (el.getAttribute('data-key') || '').toLowerCase().indexOf(text) >= 0;
  }

  function applyFilters() {
    var shown = 0;
    rows.forEach(function (row) {
      row.hidden = !matches(row);
      if (!row.hidden) shown += 1;
    });
    conversations.forEach(function (c) { c.hidden = !matches(c); });
    counter.textContent = shown + ' of ' + rows.length + ' shown';
  }

  function sortBy(th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-type') === 'num';
    var direction = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    Array.prototype.forEach.call(th.parentNode.children, function (other) { other.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', direction === 1 ? 'ascending' : 'descending');
    var value = function (row) { return row.cells[index].getAttribute('data-v') || ''; };
    rows.sort(function (a, b) {
      var x = value(a), y = value(b);
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return direction * order;
    });
    rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
  }

  // A link to a conversation or message opens its <details> and shows it.
  function openTarget() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return; // a hand-typed hash that is not valid percent-encoding
    }
    var target = id && document.getElementById(id);
    if (!target) return;
    var details = target.closest('details');
    if (details) {
      details.hidden = false;
      details.open = true;
      target.scrollIntoView({ block: 'center' });
    }
  }

  [statusSelect, classSelect].forEach(function (el) { el.addEventListener('change', applyFilters); });
  textInput.addEventListener('input', applyFilters);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (th.hasAttribute('data-type')) th.addEventListener('click', function () { sortBy(th); });
  });
  window.addEventListener('hashchange', openTarget);
  applyFilters();
  openTarget();
})();
