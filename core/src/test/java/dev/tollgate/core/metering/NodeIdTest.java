package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdTest {
    @TempDir
    Path data;

    @Test
    void isCreatedOnceAndThenRead() {
        String id = NodeId.loadOrCreate(data);

        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(NodeId.loadOrCreate(data)).isEqualTo(id);
        assertThat(Files.exists(data.resolve("node-id.tmp"))).isFalse();
    }

    @Test
    void eachDataFolderHasItsOwn() {
        assertThat(NodeId.loadOrCreate(data.resolve("a"))).isNotEqualTo(NodeId.loadOrCreate(data.resolve("b")));
    }

    @Test
    void anOperatorMayNameTheNode() throws IOException {
        Files.writeString(data.resolve("node-id"), "gateway-eu-1\n");

        assertThat(NodeId.loadOrCreate(data)).isEqualTo("gateway-eu-1");
    }

    @Test
    void aLostIdBesideAJournalIsRefusedRatherThanCountingTwice() throws IOException {
        NodeId.loadOrCreate(data);
        try (var journal = FileJournal.open(data)) {
            journal.append(Records.call(1));
        }
        Files.delete(data.resolve("node-id"));

        assertThatThrownBy(() -> NodeId.loadOrCreate(data)).isInstanceOf(IllegalStateException.class).hasMessageContaining("counted twice");
    }

    @Test
    void anUnreadableIdIsRefused() throws IOException {
        Files.writeString(data.resolve("node-id"), "not a node id");

        assertThatThrownBy(() -> NodeId.loadOrCreate(data)).isInstanceOf(IllegalStateException.class);
    }
}
