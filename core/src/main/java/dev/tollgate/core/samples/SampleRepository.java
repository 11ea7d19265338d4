package dev.tollgate.core.samples;

import dev.tollgate.core.principal.PrincipalName;
import java.util.List;
import java.util.Optional;

/** Storage of the two sample APIs. */
public interface SampleRepository {
    void insertPost(Post post);

    Optional<Post> findPost(String id);

    List<Post> postsBy(PrincipalName author, boolean includePrivate);

    void insertEvent(Event event);

    List<Event> eventsOf(PrincipalName owner);

    boolean deleteEvent(PrincipalName owner, String id);
}
