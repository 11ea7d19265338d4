package dev.tollgate.store.jdbc;

import dev.tollgate.core.principal.PrincipalKind;
import dev.tollgate.core.principal.PrincipalName;
import dev.tollgate.core.samples.Event;
import dev.tollgate.core.samples.Post;
import dev.tollgate.core.samples.SampleRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbcSampleRepository implements SampleRepository {
    private final Jdbi jdbi;

    public JdbcSampleRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insertPost(Post p) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sample_posts (id, author_kind, author, content, visibility, create_time_ms) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, p.id()).bind(1, p.author().kind().name()).bind(2, p.author().email()).bind(3, p.content())
                .bind(4, p.visibility().name()).bind(5, p.createTime().toEpochMilli()).execute());
    }

    @Override
    public Optional<Post> findPost(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sample_posts WHERE id = ?").bind(0, id).map((rs, c) -> post(rs)).findOne());
    }

    @Override
    public List<Post> postsBy(PrincipalName author, boolean includePrivate) {
        String sql = "SELECT * FROM sample_posts WHERE author_kind = ? AND author = ?" + (includePrivate ? "" : " AND visibility = 'PUBLIC'")
                + " ORDER BY create_time_ms DESC, id";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, author.kind().name()).bind(1, author.email()).map((rs, c) -> post(rs)).list());
    }

    @Override
    public void insertEvent(Event e) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sample_events (id, owner_kind, owner, summary, start_time, end_time, start_epoch_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind(0, e.id()).bind(1, e.owner().kind().name()).bind(2, e.owner().email()).bind(3, e.summary())
                .bind(4, e.start().toString()).bind(5, e.end().toString()).bind(6, e.start().toInstant().toEpochMilli()).execute());
    }

    @Override
    public List<Event> eventsOf(PrincipalName owner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sample_events WHERE owner_kind = ? AND owner = ? ORDER BY start_epoch_ms, start_time, id")
                .bind(0, owner.kind().name()).bind(1, owner.email())
                .map((rs, c) -> new Event(rs.getString("id"), principal(rs, "owner_kind", "owner"), rs.getString("summary"),
                        OffsetDateTime.parse(rs.getString("start_time")), OffsetDateTime.parse(rs.getString("end_time")))).list());
    }

    @Override
    public boolean deleteEvent(PrincipalName owner, String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sample_events WHERE owner_kind = ? AND owner = ? AND id = ?")
                .bind(0, owner.kind().name()).bind(1, owner.email()).bind(2, id).execute()) > 0;
    }

    private static Post post(ResultSet rs) throws SQLException {
        return new Post(rs.getString("id"), principal(rs, "author_kind", "author"), rs.getString("content"),
                Post.Visibility.valueOf(rs.getString("visibility")), Instant.ofEpochMilli(rs.getLong("create_time_ms")));
    }

    private static PrincipalName principal(ResultSet rs, String kindColumn, String emailColumn) throws SQLException {
        return new PrincipalName(PrincipalKind.valueOf(rs.getString(kindColumn)), rs.getString(emailColumn));
    }
}
