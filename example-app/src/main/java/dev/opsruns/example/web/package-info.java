/**
 * The HTTP JSON API (Javalin + Jackson): the monitoring list, counts and detail, the two producers'
 * start endpoints, drift findings, backup sets, notifications, and the demo sign-in page. Every error
 * is a JSON {@link dev.opsruns.example.web.ApiError}. There is no rerun, cancel or delete.
 */
package dev.opsruns.example.web;
