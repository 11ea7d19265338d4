package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GroupByTest {
    @Test
    void readsTheContractsNames() {
        assertThat(GroupBy.parse("service,method,status")).containsExactly(GroupBy.SERVICE, GroupBy.METHOD, GroupBy.STATUS);
        assertThat(GroupBy.parse(" status , service")).containsExactly(GroupBy.SERVICE, GroupBy.STATUS);
        assertThat(GroupBy.parse("")).isEmpty();
        assertThat(GroupBy.parse(null)).isEmpty();
        assertThat(GroupBy.parse("credential,method")).containsExactly(GroupBy.METHOD, GroupBy.CREDENTIAL);
        assertThat(GroupBy.METHOD.wireName()).isEqualTo("method");
        assertThat(GroupBy.CREDENTIAL.wireName()).isEqualTo("credential");
    }

    @Test
    void unknownNamesAreRefusedByName() {
        assertThatThrownBy(() -> GroupBy.parse("service,project")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'project'");
    }
}
