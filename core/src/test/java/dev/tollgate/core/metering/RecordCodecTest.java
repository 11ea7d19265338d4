package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    @Test
    void recordWithAndWithoutPersonSurvivesTheRoundTrip() {
        var withPerson = new UsageRecord(UsageRecord.newCallId(), Instant.parse("2026-03-10T12:00:00.123456789Z"), "my-project",
                "calendar", "calendar.events.insert", CredentialKind.SERVICE_ACCOUNT, "bot@my-project.iam",
                Optional.of("zoë@example.com"), 201, 12_345, 678_901_234_567L, 42);
        var withoutPerson = Records.call(1);

        assertThat(decode(RecordCodec.frame(withPerson))).isEqualTo(withPerson);
        assertThat(decode(RecordCodec.frame(withoutPerson))).isEqualTo(withoutPerson);
    }

    @Test
    void frameCarriesItsPayloadLengthAndAChecksumOverLengthAndPayload() {
        byte[] frame = RecordCodec.frame(Records.call(2));
        ByteBuffer b = ByteBuffer.wrap(frame);

        assertThat(b.getInt(0)).isEqualTo(frame.length - Frames.HEADER);
        assertThat(b.getInt(4)).isEqualTo(Frames.checksum(frame, 0, frame, Frames.HEADER, frame.length - Frames.HEADER));
    }

    @Test
    void typicalRecordIsSmall() {
        assertThat(RecordCodec.frame(Records.call("my-project", "posts.get", 200, Records.T0)).length).isLessThan(120);
    }

    @Test
    void unknownVersionIsRefused() {
        byte[] frame = RecordCodec.frame(Records.call(3));
        frame[Frames.HEADER] = 9;

        assertThatThrownBy(() -> decode(frame)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 9");
    }

    @Test
    void cutPayloadIsRefused() {
        byte[] frame = RecordCodec.frame(Records.call(4));

        assertThatThrownBy(() -> RecordCodec.decode(ByteBuffer.wrap(frame, Frames.HEADER, frame.length - Frames.HEADER - 3).slice()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordRefusesKeysTheLedgerCouldNotStore() {
        assertThatThrownBy(() -> Records.call("p".repeat(65), "posts.get", 200, Records.T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Records.call("my-project", "posts.get\u0000", 200, Records.T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Records.call("my-project", "posts.get", 42, Records.T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chargeAndSettlementKeepTheirPhaseAndCallId() {
        UsageRecord charge = UsageRecord.charge(UsageRecord.newCallId(), Records.T0, "my-project", "posts", "posts.get",
                CredentialKind.KEY, "k1", Optional.empty(), 17);
        UsageRecord settled = charge.settled(503, 99, 1234);

        assertThat(decode(RecordCodec.frame(charge))).isEqualTo(charge);
        assertThat(decode(RecordCodec.frame(settled))).isEqualTo(settled)
                .satisfies(r -> assertThat(r.callId()).isEqualTo(charge.callId()))
                .satisfies(r -> assertThat(r.phase()).isEqualTo(UsageRecord.Phase.SETTLED));
    }

    @Test
    void recordOfTheFormatBeforePhasesIsReadAsComplete() {
        UsageRecord record = Records.call(5);
        byte[] frame = RecordCodec.frame(record);
        // Version 1: the same payload without the phase byte.
        byte[] v1 = new byte[frame.length - 1];
        System.arraycopy(frame, Frames.HEADER + 2, v1, Frames.HEADER + 1, frame.length - Frames.HEADER - 2);
        v1[Frames.HEADER] = RecordCodec.VERSION_WITHOUT_PHASE;

        assertThat(RecordCodec.decode(ByteBuffer.wrap(v1, Frames.HEADER, v1.length - Frames.HEADER).slice())).isEqualTo(record);
    }

    @Test
    void aChargeHasNoOutcomeAndOnlyAChargeCanBeSettled() {
        assertThatThrownBy(() -> new UsageRecord(UsageRecord.newCallId(), Records.T0, "p", "posts", "posts.get", CredentialKind.KEY, "k",
                Optional.empty(), 200, 0, 0, 0, UsageRecord.Phase.CHARGED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Records.call(6).settled(200, 0, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Records.call("my-project", "posts.get", UsageRecord.NO_OUTCOME, Records.T0))
                .as("no outcome is only for a charge").isInstanceOf(IllegalArgumentException.class);
    }

    private static UsageRecord decode(byte[] frame) {
        return RecordCodec.decode(ByteBuffer.wrap(frame, Frames.HEADER, frame.length - Frames.HEADER).slice());
    }
}
