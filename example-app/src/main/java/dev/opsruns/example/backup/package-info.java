/**
 * Backup sets and the {@code backup_set.add_policies} producer: one item per policy, each captured
 * from the policy source; per-item failures make a partially succeeded (or failed) run.
 */
package dev.opsruns.example.backup;
