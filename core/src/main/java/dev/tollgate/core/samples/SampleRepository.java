package dev.tollgate.core.samples;

import java.util.List;
import java.util.Optional;

/** Storage of the two sample APIs. */
public interface SampleRepository {
    void insertPost(Post post);

    Optional<Post> findPost(String id);

    List<Post> postsBy(String author, boolean includePrivate);

    void insertEvent(Event event);

    List<Event> eventsOf(String owner);

    boolean deleteEvent(String owner, String id);
}
