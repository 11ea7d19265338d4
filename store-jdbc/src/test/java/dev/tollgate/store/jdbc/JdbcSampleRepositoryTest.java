package dev.tollgate.store.jdbc;

import static dev.tollgate.store.jdbc.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.principal.PrincipalName;
import dev.tollgate.core.samples.Event;
import dev.tollgate.core.samples.Post.Visibility;
import dev.tollgate.core.samples.Post;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.time.OffsetDateTime;

class JdbcSampleRepositoryTest extends RepositoryTest {
    private static final PrincipalName ALICE = PrincipalName.person("alice@example.com");
    private static final PrincipalName BOB = PrincipalName.person("bob@example.com");
    /** A service account whose address is spelled like Alice's: another principal. */
    private static final PrincipalName ALICE_ACCOUNT = PrincipalName.serviceAccount("alice@example.com");

    @OnEachDatabase
    void postRoundTripsEveryField(Kind kind) {
        open(kind);
        var post = new Post("Ab3dEf6hIj9kLm2n", ALICE, "Hello \u00e9\u4e2d \ud83d\ude00\nsecond line", Visibility.PRIVATE, at(1));
        samples().insertPost(post);

        assertThat(samples().findPost(post.id())).contains(post);
        assertThat(samples().findPost("no-such-post")).isEmpty();
    }

    @OnEachDatabase
    void postsByListsTheAuthorsPostsNewestFirstIncludingPrivateOnesWhenAsked(Kind kind) {
        open(kind);
        var older = post("post-1", ALICE, Visibility.PUBLIC, 10);
        var newest = post("post-2", ALICE, Visibility.PRIVATE, 30);
        var middle = post("post-3", ALICE, Visibility.PUBLIC, 20);
        var bobs = post("post-4", BOB, Visibility.PUBLIC, 40);
        for (var p : new Post[] {older, newest, middle, bobs}) {
            samples().insertPost(p);
        }

        assertThat(samples().postsBy(ALICE, true)).containsExactly(newest, middle, older);
        assertThat(samples().postsBy(ALICE, false)).containsExactly(middle, older);
        assertThat(samples().postsBy(BOB, true)).containsExactly(bobs);
        assertThat(samples().postsBy(PrincipalName.person("carol@example.com"), true)).isEmpty();
    }

    @OnEachDatabase
    void postsByBreaksTiesInCreateTimeById(Kind kind) {
        open(kind);
        samples().insertPost(post("post-b", ALICE, Visibility.PUBLIC, 10));
        samples().insertPost(post("post-a", ALICE, Visibility.PUBLIC, 10));

        assertThat(samples().postsBy(ALICE, false)).extracting(Post::id).containsExactly("post-a", "post-b");
    }

    @OnEachDatabase
    void eventRoundTripsItsTimesWithTheirOffsets(Kind kind) {
        open(kind);
        var event = new Event("event-1", ALICE, "Stand-up \u00e9",
                OffsetDateTime.parse("2026-11-27T10:15:30.123456789+05:30"), OffsetDateTime.parse("2026-11-27T10:45:00-08:00"));
        samples().insertEvent(event);

        assertThat(samples().eventsOf(ALICE)).containsExactly(event);
    }

    @OnEachDatabase
    void eventsOfListsOnlyTheOwnersEventsInStartOrder(Kind kind) {
        open(kind);
        var late = event("event-1", ALICE, "2026-11-27T12:00:00Z");
        var early = event("event-2", ALICE, "2026-11-27T09:00:00Z");
        var bobs = event("event-3", BOB, "2026-11-27T08:00:00Z");
        for (var e : new Event[] {late, early, bobs}) {
            samples().insertEvent(e);
        }

        assertThat(samples().eventsOf(ALICE)).containsExactly(early, late);
        assertThat(samples().eventsOf(BOB)).containsExactly(bobs);
        assertThat(samples().eventsOf(PrincipalName.person("carol@example.com"))).isEmpty();
    }

    @OnEachDatabase
    void eventsOfOrdersByStartTimeEvenWhenSecondsOrOffsetsDiffer(Kind kind) {
        open(kind);
        var onTheMinute = event("event-1", ALICE, "2026-11-27T10:00:00Z");
        var halfAMinuteLater = event("event-2", ALICE, "2026-11-27T10:00:30Z");
        var earlierInIndia = event("event-3", ALICE, "2026-11-27T15:00:00+05:30"); // 09:30Z
        for (var e : new Event[] {halfAMinuteLater, onTheMinute, earlierInIndia}) {
            samples().insertEvent(e);
        }

        assertThat(samples().eventsOf(ALICE)).extracting(Event::id).containsExactly("event-3", "event-1", "event-2");
    }

    @OnEachDatabase
    void deleteEventRemovesOnlyTheOwnersEvent(Kind kind) {
        open(kind);
        samples().insertEvent(event("event-1", ALICE, "2026-11-27T10:00:00Z"));
        samples().insertEvent(event("event-2", ALICE, "2026-11-27T11:00:00Z"));

        assertThat(samples().deleteEvent(BOB, "event-1")).isFalse();
        assertThat(samples().deleteEvent(ALICE, "event-1")).isTrue();
        assertThat(samples().deleteEvent(ALICE, "event-1")).isFalse();

        assertThat(samples().eventsOf(ALICE)).extracting(Event::id).containsExactly("event-2");
    }

    @OnEachDatabase
    void aPersonAndAServiceAccountOfTheSameAddressShareNoPostsOrEvents(Kind kind) {
        open(kind);
        var persons = post("post-p", ALICE, Visibility.PRIVATE, 10);
        var accounts = post("post-s", ALICE_ACCOUNT, Visibility.PRIVATE, 20);
        samples().insertPost(persons);
        samples().insertPost(accounts);
        samples().insertEvent(event("event-p", ALICE, "2026-11-27T10:00:00Z"));

        assertThat(samples().postsBy(ALICE, true)).containsExactly(persons);
        assertThat(samples().postsBy(ALICE_ACCOUNT, true)).containsExactly(accounts);
        assertThat(samples().findPost("post-s")).get().extracting(Post::author).isEqualTo(ALICE_ACCOUNT);
        assertThat(samples().eventsOf(ALICE_ACCOUNT)).isEmpty();
        assertThat(samples().deleteEvent(ALICE_ACCOUNT, "event-p")).isFalse();
        assertThat(samples().eventsOf(ALICE)).extracting(Event::id).containsExactly("event-p");
    }

    private static Post post(String id, PrincipalName author, Visibility visibility, long seconds) {
        return new Post(id, author, "Post " + id, visibility, at(seconds));
    }

    private static Event event(String id, PrincipalName owner, String start) {
        var from = OffsetDateTime.parse(start);
        return new Event(id, owner, "Event " + id, from, from.plusHours(1));
    }
}
