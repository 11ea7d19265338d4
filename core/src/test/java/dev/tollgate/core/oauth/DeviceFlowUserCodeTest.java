package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceFlowUserCodeTest {

    @ParameterizedTest
    @CsvSource({"BCDF-GHJK,BCDF-GHJK", "bcdfghjk,BCDF-GHJK", "bcdf ghjk,BCDF-GHJK", " b-c-d-f-g-h-j-k ,BCDF-GHJK"})
    void whatAPersonTypesIsNormalized(String typed, String stored) {
        assertThat(DeviceFlow.normalizeUserCode(typed)).contains(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "BCDF-GHJ", "BCDF-GHJKL", "ABCD-EFGH", "BCDF-GHJ1", "BCDF_GHJK", "ＢＣＤＦ-ＧＨＪＫ"})
    void anythingElseIsNoCode(String typed) {
        assertThat(DeviceFlow.normalizeUserCode(typed)).isEmpty();
    }
}
