package dev.opsruns.hub.internal;

import java.util.List;

/**
 * The hub's start page: the caller's tenants.
 *
 * @param frame the page shell
 * @param userName the caller
 * @param tenants the tenants with their lists
 */
public record TenantsView(Frame frame, String userName, List<DetailView.Link> tenants) {
}
