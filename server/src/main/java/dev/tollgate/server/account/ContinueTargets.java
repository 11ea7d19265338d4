package dev.tollgate.server.account;

import dev.tollgate.server.pages.ContentSecurityPolicy;
import java.net.URI;
import java.util.Optional;

/** Where a same-origin continue URL finally sends the browser, when that is another origin. */
@FunctionalInterface
public interface ContinueTargets {
    ContinueTargets NONE = continueUrl -> Optional.empty();

    Optional<URI> leadsTo(String continueUrl);

    /** The policy of a form that continues to {@code continueUrl}: it may end wherever that leads. */
    default ContentSecurityPolicy policyFor(String continueUrl) {
        return leadsTo(continueUrl).map(ContentSecurityPolicy.DEFAULT::allowingFormActionTo).orElse(ContentSecurityPolicy.DEFAULT);
    }
}
