/**
 * The tenant's policy catalogue and the policy source that captures a policy's payload from "the
 * cloud" (in the demo: an in-process, deterministic stand-in that fails the way a cloud API does).
 */
package dev.opsruns.example.policy;
