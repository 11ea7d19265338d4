package dev.tollgate.core.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.principal.PrincipalName;
import dev.tollgate.protocol.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostsApiTest {
    private static final PrincipalName PERSON = PrincipalName.person("twin@example.iam");
    private static final PrincipalName ACCOUNT = PrincipalName.serviceAccount("twin@example.iam");

    private final List<Post> posts = new ArrayList<>();
    private final PostsApi api = new PostsApi(new SampleRepository() {
        public void insertPost(Post post) { posts.add(post); }
        public Optional<Post> findPost(String id) { return posts.stream().filter(p -> p.id().equals(id)).findFirst(); }
        public List<Post> postsBy(PrincipalName author, boolean includePrivate) {
            return posts.stream().filter(p -> p.author().equals(author))
                    .filter(p -> includePrivate || p.visibility() == Post.Visibility.PUBLIC)
                    .sorted(Comparator.comparing(Post::createTime).reversed()).toList();
        }
        public void insertEvent(Event event) { throw new UnsupportedOperationException(); }
        public List<Event> eventsOf(PrincipalName owner) { throw new UnsupportedOperationException(); }
        public boolean deleteEvent(PrincipalName owner, String id) { throw new UnsupportedOperationException(); }
    }, Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void aPersonAndAServiceAccountOfTheSameAddressCannotReadEachOthersPrivatePosts() {
        Post persons = api.insert(PERSON, "the person's secret", "private");
        Post accounts = api.insert(ACCOUNT, "the account's secret", "private");

        assertThat(api.list(Optional.of(PERSON), "me")).containsExactly(persons);
        assertThat(api.list(Optional.of(ACCOUNT), "me")).containsExactly(accounts);
        assertThatThrownBy(() -> api.get(Optional.of(ACCOUNT), persons.id())).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> api.get(Optional.of(PERSON), accounts.id())).isInstanceOf(ApiException.class);
        assertThat(api.get(Optional.of(PERSON), persons.id())).isEqualTo(persons);
        // Named by address, a .iam address is the service account's list, where the person sees nothing private.
        assertThat(api.list(Optional.of(PERSON), "twin@example.iam")).isEmpty();
        assertThat(api.list(Optional.of(ACCOUNT), "TWIN@example.iam")).containsExactly(accounts);
    }

    @Test
    void publicPostsOfAServiceAccountAreListedByItsAddress() {
        Post open = api.insert(ACCOUNT, "hello", "public");
        api.insert(ACCOUNT, "not for you", "private");

        assertThat(api.list(Optional.empty(), "twin@example.iam")).containsExactly(open);
        assertThat(open.author()).isEqualTo(ACCOUNT);
    }
}
