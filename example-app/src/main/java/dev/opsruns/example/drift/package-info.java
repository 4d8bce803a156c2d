/**
 * The {@code drift.generate} producer: compares the two newest successful inventory snapshots of a
 * scope and records what was added, removed and changed as drift findings linked to the run.
 */
package dev.opsruns.example.drift;
