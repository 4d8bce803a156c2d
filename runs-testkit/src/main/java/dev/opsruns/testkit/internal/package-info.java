/**
 * Implementation details of the testkit. Nothing here is API: it may change in any release.
 */
package dev.opsruns.testkit.internal;
