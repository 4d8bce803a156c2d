package dev.opsruns.hub.spi;

import dev.opsruns.core.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who is calling: the host's sign-in, seen from the hub. The hub asks on every request and never keeps
 * the answer; what the principal may see is then the ledger's access policy's decision.
 */
@FunctionalInterface
public interface HubCallers {

    /**
     * @param request the request (its session, cookies or headers, as the host authenticates)
     * @return the signed-in caller with its current roles, or empty when nobody is signed in
     */
    Optional<Principal> principal(HttpServletRequest request);
}
