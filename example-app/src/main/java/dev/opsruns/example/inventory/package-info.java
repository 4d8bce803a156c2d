/**
 * Inventory syncs: each run snapshots a tenant's policies of one scope. Drift generation compares two
 * successful snapshots.
 */
package dev.opsruns.example.inventory;
