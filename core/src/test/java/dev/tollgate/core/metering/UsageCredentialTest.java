package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageCredentialTest {

    @Test
    void idsUpTo512BytesAreKeptAsTheyAre() {
        assertThat(credential("key-1")).isEqualTo(UsageCredential.of(CredentialKind.KEY, "key-1"));
        assertThat(credential("k".repeat(512)).id()).isEqualTo("k".repeat(512));
        assertThat(credential("").id()).isEmpty();
    }

    @Test
    void longerIdsAreKeptAsTheirHashOneRowPerId() {
        String longAscii = "k".repeat(513);
        String shortButWide = "€".repeat(171); // 513 UTF-8 bytes in 171 characters

        assertThat(credential(longAscii).id()).startsWith("sha256:").hasSize(7 + 64).isEqualTo(credential(longAscii).id());
        assertThat(credential(shortButWide).id()).startsWith("sha256:");
        assertThat(credential(longAscii + "x").id()).isNotEqualTo(credential(longAscii).id());
    }

    @Test
    void theApiNamesEachKindAndTheUnrecordedRows() {
        assertThat(UsageCredential.of(CredentialKind.KEY, "k").wireKind()).isEqualTo("key");
        assertThat(UsageCredential.of(CredentialKind.CLIENT, "c").wireKind()).isEqualTo("client");
        assertThat(UsageCredential.of(CredentialKind.SERVICE_ACCOUNT, "s").wireKind()).isEqualTo("serviceAccount");
        assertThat(UsageCredential.UNRECORDED.wireKind()).isEqualTo("unrecorded");
    }

    private static UsageCredential credential(String id) {
        return UsageCredential.of(new UsageRecord(UsageRecord.newCallId(), Instant.EPOCH, "p", "posts", "posts.get", CredentialKind.KEY, id,
                Optional.empty(), 200, 0, 0, 0));
    }
}
