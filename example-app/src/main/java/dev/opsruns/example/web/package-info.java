/**
 * The HTTP JSON API (Javalin + Jackson): the monitoring list, counts and detail, the two producers'
 * start endpoints, drift findings, backup sets and notifications. Every error is a JSON
 * {@link dev.opsruns.example.web.ApiError}, unless a browser asked for a page. The web pages live in
 * {@link dev.opsruns.example.web.pages}; {@link dev.opsruns.example.web.HttpApi} wires both. There is
 * no rerun, cancel or delete.
 */
package dev.opsruns.example.web;
