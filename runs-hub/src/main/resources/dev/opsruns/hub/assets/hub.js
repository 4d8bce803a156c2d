/* opsruns Operations hub: the little script its pages use. Everything works without it (times then
   show in UTC, filters submit as they are, nothing refreshes by itself); with it:
   - times show in the viewer's time zone, with a relative hint when within a day;
   - the custom date fields appear only for a custom range, and empty filters stay out of the URL;
   - a page that shows queued or running runs refreshes them every few seconds, in place, and stops
     as soon as every run shown has ended;
   - menus close with Escape or a click elsewhere. */
(function () {
  'use strict';

  var DAY_MS = 24 * 60 * 60 * 1000;

  function zoneName() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch (e) {
      return 'UTC';
    }
  }

  var absolute = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'
  });
  var relative = typeof Intl.RelativeTimeFormat === 'function'
    ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }) : null;

  function relativeText(diffMs) {
    var seconds = Math.round(diffMs / 1000);
    var abs = Math.abs(seconds);
    if (abs < 45) { return relative.format(seconds, 'second'); }
    if (abs < 45 * 60) { return relative.format(Math.round(seconds / 60), 'minute'); }
    return relative.format(Math.round(seconds / 3600), 'hour');
  }

  /* Each <time datetime> shows the absolute time in the viewer's zone, and how long ago when within a
     day (on a line of its own); the UTC text the server wrote stays in the tooltip. */
  function formatTimes(root) {
    var now = Date.now();
    root.querySelectorAll('time[datetime]').forEach(function (el) {
      var date = new Date(el.getAttribute('datetime'));
      if (isNaN(date.getTime())) { return; }
      if (!el.hasAttribute('data-utc')) { el.setAttribute('data-utc', el.textContent); }
      el.textContent = absolute.format(date);
      el.title = el.getAttribute('data-utc');
      var diff = date.getTime() - now;
      if (relative && Math.abs(diff) < DAY_MS) {
        var hint = document.createElement('span');
        hint.className = 'ago';
        hint.textContent = relativeText(diff);
        el.appendChild(hint);
      }
    });
  }

  function setupTimeZone() {
    var zone = zoneName();
    document.querySelectorAll('[data-time-zone]').forEach(function (el) {
      el.textContent = 'your time zone (' + zone + ')';
    });
    document.querySelectorAll('[data-time-zone-input]').forEach(function (input) {
      if (!input.value) { input.value = zone; }
    });
  }

  function setupFilters() {
    var form = document.querySelector('[data-filters]');
    if (!form) { return; }
    var range = form.querySelector('[data-range-select]');
    function sync() {
      var custom = range.value === 'custom';
      form.querySelectorAll('[data-custom-range]').forEach(function (field) {
        field.hidden = !custom;
        field.querySelectorAll('input').forEach(function (input) { input.disabled = !custom; });
      });
      form.querySelectorAll('[data-time-zone-input]').forEach(function (input) { input.disabled = !custom; });
      form.querySelectorAll('select, input[type="search"]').forEach(function (el) { el.disabled = false; });
    }
    range.addEventListener('change', sync);
    /* Empty fields stay out of the URL, so bookmarks read cleanly. */
    form.addEventListener('submit', function () {
      form.querySelectorAll('input[name], select[name]').forEach(function (el) {
        if (!el.disabled && el.value === '') { el.disabled = true; }
      });
    });
    window.addEventListener('pageshow', sync);
    sync();
  }

  function setupMenus() {
    var menus = Array.prototype.slice.call(document.querySelectorAll('details[data-menu]'));
    menus.forEach(function (menu) {
      menu.addEventListener('toggle', function () {
        if (menu.open) {
          menus.forEach(function (other) { if (other !== menu) { other.open = false; } });
        }
      });
      menu.addEventListener('keydown', function (event) {
        if (event.key === 'Escape' && menu.open) {
          menu.open = false;
          menu.querySelector('summary').focus();
        }
      });
    });
    document.addEventListener('click', function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) { menu.open = false; }
      });
    });
  }

  /* Auto-refresh: fetch this same page (as HTML, with the session cookie) and swap in what changed. */
  function setupLive() {
    var region = document.querySelector('[data-live]');
    var status = document.querySelector('[data-refresh-status]');
    if (!region || region.getAttribute('data-active') !== 'true') { return; }
    var kind = region.getAttribute('data-live');
    var refreshMs = 1000 * (parseInt(region.getAttribute('data-refresh-seconds'), 10) || 3);
    var seen = {};

    function say(text) {
      if (status) { status.textContent = text; }
    }

    function remember() {
      if (kind === 'list') {
        region.querySelectorAll('tr[data-run-id]').forEach(function (row) {
          seen[row.getAttribute('data-run-id')] = row.outerHTML;
        });
      } else {
        seen.detail = region.innerHTML;
      }
    }

    function anyActiveRow() {
      return region.querySelector('tr[data-bucket="queued"], tr[data-bucket="running"]') !== null;
    }

    function updateList(fresh, doc) {
      region.querySelectorAll('tr[data-run-id]').forEach(function (row) {
        var id = row.getAttribute('data-run-id');
        var next = fresh.querySelector('tr[data-run-id="' + id + '"]');
        if (next && next.outerHTML !== seen[id]) {
          seen[id] = next.outerHTML;
          var imported = document.importNode(next, true);
          row.parentNode.replaceChild(imported, row);
          formatTimes(imported);
        }
      });
      document.querySelectorAll('[data-count-for]').forEach(function (count) {
        var next = doc.querySelector('[data-count-for="' + count.getAttribute('data-count-for') + '"]');
        if (next) { count.textContent = next.textContent; }
      });
      return anyActiveRow();
    }

    function updateDetail(fresh) {
      if (fresh.innerHTML !== seen.detail) {
        var focused = document.activeElement;
        var href = focused && region.contains(focused) && focused.getAttribute ? focused.getAttribute('href') : null;
        seen.detail = fresh.innerHTML;
        region.innerHTML = fresh.innerHTML;
        formatTimes(region);
        if (href) {
          var again = region.querySelector('a[href="' + href + '"]');
          if (again) { again.focus(); }
        }
      }
      return fresh.getAttribute('data-active') === 'true';
    }

    function tick() {
      fetch(window.location.href, { headers: { 'Accept': 'text/html', 'X-Opsruns-Refresh': kind }, credentials: 'same-origin', cache: 'no-store' })
        .then(function (response) {
          if (!response.ok) { throw new Error('HTTP ' + response.status); }
          return response.text();
        })
        .then(function (text) {
          var doc = new DOMParser().parseFromString(text, 'text/html');
          var fresh = doc.querySelector('[data-live="' + kind + '"]');
          if (!fresh) { throw new Error('the page changed'); }
          var active = kind === 'list' ? updateList(fresh, doc) : updateDetail(fresh);
          if (active) {
            window.setTimeout(tick, refreshMs);
          } else {
            region.setAttribute('data-active', 'false');
            say('All runs shown here have ended; refreshing stopped.');
          }
        })
        .catch(function () {
          say('Refreshing stopped: reload the page to see the latest state.');
        });
    }

    remember();
    say('Active runs on this page refresh every ' + refreshMs / 1000 + ' seconds.');
    window.setTimeout(tick, refreshMs);
  }

  function start() {
    setupLive(); /* remembers the server's markup before times are reformatted */
    formatTimes(document);
    setupTimeZone();
    setupFilters();
    setupMenus();
    window.setInterval(function () { formatTimes(document); }, 30000);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
