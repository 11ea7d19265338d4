package dev.tollgate.server.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.principal.PrincipalKind;
import dev.tollgate.core.principal.PrincipalName;
import dev.tollgate.core.samples.CalendarApi;
import dev.tollgate.core.samples.Event;
import dev.tollgate.core.samples.Post;
import dev.tollgate.core.samples.PostsApi;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.http.ErrorWriters;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in sample APIs, served as real backends on a loopback port. They believe the
 * gateway's identity headers only when the request carries this process's backend secret.
 */
public final class SampleBackends implements AutoCloseable {
    private final Javalin app;
    private final String secret;
    private final PostsApi posts;
    private final CalendarApi calendar;

    public SampleBackends(PostsApi posts, CalendarApi calendar, String secret) {
        this.posts = posts;
        this.calendar = calendar;
        this.secret = secret;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
        });
        app.before(this::requireGateway);
        app.exception(ApiException.class, (e, ctx) -> ErrorWriters.api(ctx, e));
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                ErrorWriters.api(ctx, ApiError.NOT_FOUND.exception());
            }
        });
        app.get("/posts/v1/people/{userId}/posts", ctx ->
                json(ctx, Map.of("items", posts.list(caller(ctx), ctx.pathParam("userId")).stream().map(SampleBackends::post).toList())));
        app.get("/posts/v1/posts/{postId}", ctx -> json(ctx, post(posts.get(caller(ctx), ctx.pathParam("postId")))));
        app.post("/posts/v1/people/me/posts", ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("content", "visibility"));
            json(ctx, post(posts.insert(requireCaller(ctx), Json.text(body, "content"), Json.text(body, "visibility"))));
        });
        app.get("/calendar/v3/calendars/primary/events", ctx ->
                json(ctx, Map.of("items", calendar.list(requireCaller(ctx)).stream().map(SampleBackends::event).toList())));
        app.post("/calendar/v3/calendars/primary/events", ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("summary", "start", "end"));
            json(ctx, event(calendar.insert(requireCaller(ctx), Json.text(body, "summary"), Json.text(body, "start"), Json.text(body, "end"))));
        });
        app.delete("/calendar/v3/calendars/primary/events/{eventId}", ctx -> {
            calendar.delete(requireCaller(ctx), ctx.pathParam("eventId"));
            ctx.status(204);
        });
    }

    public URI start() {
        app.start("127.0.0.1", 0);
        return URI.create("http://127.0.0.1:" + app.port());
    }

    private void requireGateway(Context ctx) {
        String presented = ctx.header("X-Tollgate-Backend-Secret");
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            throw ApiError.PERMISSION_DENIED.exception("This backend only answers calls that come through the Tollgate gateway.");
        }
    }

    /**
     * The person or service account behind an authorized call, by kind and address; nobody for
     * simple access, or when the gateway did not say which kind the caller is.
     */
    private static Optional<PrincipalName> caller(Context ctx) {
        if (!"authorized".equals(ctx.header("X-Tollgate-Access"))) {
            return Optional.empty();
        }
        PrincipalKind kind = PrincipalKind.fromWireName(ctx.header("X-Tollgate-Principal-Type"));
        String user = ctx.header("X-Tollgate-User");
        if (kind == null || user == null) {
            return Optional.empty();
        }
        return Optional.of(new PrincipalName(kind, user.toLowerCase(Locale.ROOT)));
    }

    private static PrincipalName requireCaller(Context ctx) {
        return caller(ctx).orElseThrow(() -> ApiError.CREDENTIALS_MISSING_AUTHORIZED.exception());
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json; charset=UTF-8").result(Json.write(body));
    }

    private static Map<String, Object> post(Post p) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", p.id());
        m.put("author", p.author().email());
        m.put("authorType", p.author().kind().wireName());
        m.put("content", p.content());
        m.put("visibility", p.visibility().name().toLowerCase(Locale.ROOT));
        m.put("createTime", p.createTime().toString());
        return m;
    }

    private static Map<String, Object> event(Event e) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", e.id());
        m.put("summary", e.summary());
        m.put("start", e.start().toString());
        m.put("end", e.end().toString());
        return m;
    }

    @Override
    public void close() {
        app.stop();
    }
}
