/**
 * Demo data seeded into an empty database on first start: two tenants, a user of each role in each,
 * one user in both, a catalogue of 50 policies per tenant, inventory syncs with snapshots that differ,
 * and backup sets.
 */
package dev.opsruns.example.seed;
