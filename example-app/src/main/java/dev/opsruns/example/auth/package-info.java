/**
 * Demo authentication: a bearer token per demo user (random, stored as its hash, shown once) or a session cookie from the
 * demo sign-in page. It answers only "who is calling"; what they may do comes from the memberships
 * table and the library's access policy.
 */
package dev.opsruns.example.auth;
