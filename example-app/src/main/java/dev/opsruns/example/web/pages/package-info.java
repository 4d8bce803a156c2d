/**
 * The reference app's own web pages: the drift landing and backup set pages with their start actions,
 * a drift run's findings, sign-in, home and error pages. The Monitoring -> Operations hub itself (list,
 * run detail, notifications) is the {@code runs-hub} module, mounted by {@code web.HubMount}. Pages are
 * jte templates precompiled at build time ({@code src/main/jte}) that escape by context; the CSS and the
 * small script are the hub's, served under {@code /assets}. Nothing is loaded from any other site.
 */
package dev.opsruns.example.web.pages;
