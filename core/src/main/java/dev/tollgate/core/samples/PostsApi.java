package dev.tollgate.core.samples;

import dev.tollgate.core.principal.PrincipalName;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.serviceaccount.ServiceAccountDomain;
import dev.tollgate.protocol.ApiError;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The {@code posts v1} sample: what a caller sees depends on the access type. A key sees public
 * posts only; a token sees its own private posts too. Posts belong to a principal, kind and
 * address: a person and a service account whose addresses are spelled alike see none of each
 * other's private posts and write none into each other's list.
 */
public final class PostsApi {
    private static final int MAX_CONTENT = 5000;

    private final SampleRepository repository;
    private final Clock clock;

    public PostsApi(SampleRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * @param caller the person or service account behind a token; empty for simple access
     * @param userId {@code me}, or an address: a service account's when it is in the service-account domain, else a person's
     */
    public List<Post> list(Optional<PrincipalName> caller, String userId) {
        PrincipalName author = resolve(caller, userId);
        boolean own = caller.isPresent() && caller.get().equals(author);
        return repository.postsBy(author, own);
    }

    public Post get(Optional<PrincipalName> caller, String postId) {
        return repository.findPost(postId)
                .filter(p -> p.visibility() == Post.Visibility.PUBLIC || caller.filter(p.author()::equals).isPresent())
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("Post " + postId + " not found."));
    }

    public Post insert(PrincipalName caller, String content, String visibility) {
        if (content == null || content.isBlank() || content.length() > MAX_CONTENT) {
            throw ApiError.INVALID_ARGUMENT.exception("content must be 1 to " + MAX_CONTENT + " characters.");
        }
        Post.Visibility v;
        if (visibility == null || visibility.equals("public")) {
            v = Post.Visibility.PUBLIC;
        } else if (visibility.equals("private")) {
            v = Post.Visibility.PRIVATE;
        } else {
            throw ApiError.INVALID_ARGUMENT.exception("visibility must be public or private.");
        }
        var post = new Post(Secrets.randomBase62(16), caller, content, v, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        repository.insertPost(post);
        return post;
    }

    private static PrincipalName resolve(Optional<PrincipalName> caller, String userId) {
        if ("me".equals(userId)) {
            return caller.orElseThrow(() -> ApiError.INVALID_ARGUMENT.exception(
                    "userId 'me' names the caller behind an access token; with an API key, name the user."));
        }
        if (userId == null || userId.isEmpty() || userId.length() > 254) {
            throw ApiError.INVALID_ARGUMENT.exception("Invalid userId.");
        }
        String address = userId.toLowerCase(java.util.Locale.ROOT);
        return ServiceAccountDomain.containsAddress(address) ? PrincipalName.serviceAccount(address) : PrincipalName.person(address);
    }
}
