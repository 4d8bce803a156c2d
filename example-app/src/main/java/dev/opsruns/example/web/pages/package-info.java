/**
 * The reference app's web pages: the Monitoring -> Operations hub (list with bucket tabs, filters and
 * paging; run detail; drift findings), the drift landing and backup set pages with their start actions,
 * notifications menu, tenant switcher, sign-in and error pages. Server-rendered through
 * {@link dev.opsruns.example.web.pages.Html}, which escapes all text by default; the CSS and the small
 * script (local times, auto-refresh of active runs, menus) are served from the jar under
 * {@code /static}. Nothing is loaded from any other site.
 */
package dev.opsruns.example.web.pages;
