package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Lists of more than 50 items are shown 50 at a time. */
class PagingTest {
    static final List<Integer> HUNDRED_AND_ONE = IntStream.range(0, 101).boxed().toList();

    @Test
    void theFirstPageHasFiftyItemsAndSaysThereAreMore() {
        Paging<Integer> first = Paging.of(HUNDRED_AND_ONE, null, "/");
        assertThat(first.items()).hasSize(50).startsWith(0);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.hasPrevious()).isFalse();
        assertThat(first.hasNext()).isTrue();
    }

    @Test
    void theLastPageHoldsTheRest() {
        Paging<Integer> last = Paging.of(HUNDRED_AND_ONE, "3", "/");
        assertThat(last.items()).containsExactly(100);
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    void aPageNumberOutOfRangeOrNotANumberShowsTheNearestPage() {
        assertThat(Paging.of(HUNDRED_AND_ONE, "99", "/").page()).isEqualTo(3);
        assertThat(Paging.of(HUNDRED_AND_ONE, "0", "/").page()).isEqualTo(1);
        assertThat(Paging.of(HUNDRED_AND_ONE, "-2", "/").page()).isEqualTo(1);
        assertThat(Paging.of(HUNDRED_AND_ONE, "9999999999", "/").page()).isEqualTo(1);
        assertThat(Paging.of(List.of(), "2", "/").items()).isEmpty();
    }
}
