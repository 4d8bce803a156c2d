package dev.opsruns.example.web;

import dev.opsruns.core.Principal;
import dev.opsruns.core.TenantId;

/**
 * The caller of a tenant's endpoint once it is authenticated and allowed to view the tenant, which
 * {@link Callers#inTenant} checks before any other part of the request is looked at.
 *
 * @param principal the caller with its current roles
 * @param tenant the tenant of the request's path
 */
public record TenantCaller(Principal principal, TenantId tenant) {
}
