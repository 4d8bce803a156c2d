package dev.opsruns.example.tenancy;

import java.util.Objects;

/**
 * A signed-in person, before their roles are looked up.
 *
 * @param id the user's id
 * @param displayName the user's name
 */
public record AppUser(String id, String displayName) {
    /** Compact constructor: both parts are required. */
    public AppUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }
}
