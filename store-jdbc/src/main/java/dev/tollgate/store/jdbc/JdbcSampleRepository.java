package dev.tollgate.store.jdbc;

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
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sample_posts (id, author, content, visibility, create_time_ms) VALUES (?, ?, ?, ?, ?)")
                .bind(0, p.id()).bind(1, p.author()).bind(2, p.content()).bind(3, p.visibility().name())
                .bind(4, p.createTime().toEpochMilli()).execute());
    }

    @Override
    public Optional<Post> findPost(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sample_posts WHERE id = ?").bind(0, id).map((rs, c) -> post(rs)).findOne());
    }

    @Override
    public List<Post> postsBy(String author, boolean includePrivate) {
        String sql = "SELECT * FROM sample_posts WHERE author = ?" + (includePrivate ? "" : " AND visibility = 'PUBLIC'")
                + " ORDER BY create_time_ms DESC, id";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, author).map((rs, c) -> post(rs)).list());
    }

    @Override
    public void insertEvent(Event e) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sample_events (id, owner, summary, start_time, end_time, start_epoch_ms) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, e.id()).bind(1, e.owner()).bind(2, e.summary()).bind(3, e.start().toString()).bind(4, e.end().toString())
                .bind(5, e.start().toInstant().toEpochMilli()).execute());
    }

    @Override
    public List<Event> eventsOf(String owner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sample_events WHERE owner = ? ORDER BY start_epoch_ms, start_time, id").bind(0, owner)
                .map((rs, c) -> new Event(rs.getString("id"), rs.getString("owner"), rs.getString("summary"),
                        OffsetDateTime.parse(rs.getString("start_time")), OffsetDateTime.parse(rs.getString("end_time")))).list());
    }

    @Override
    public boolean deleteEvent(String owner, String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sample_events WHERE owner = ? AND id = ?").bind(0, owner).bind(1, id).execute()) > 0;
    }

    private static Post post(ResultSet rs) throws SQLException {
        return new Post(rs.getString("id"), rs.getString("author"), rs.getString("content"),
                Post.Visibility.valueOf(rs.getString("visibility")), Instant.ofEpochMilli(rs.getLong("create_time_ms")));
    }
}
